package dev.stratus.test;

import java.util.function.Supplier;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.HIPAASecurityChecks;
import io.github.cdklabs.cdknag.NIST80053R5Checks;
import io.github.cdklabs.cdknag.NagPackProps;
import io.github.cdklabs.cdknag.ServerlessChecks;

/** The cdk-nag rule packs the test kit can apply. */
public enum NagPack {
    /** cdk-nag's AwsSolutions pack. */
    AWS_SOLUTIONS("AwsSolutions"),
    /** cdk-nag's Serverless pack. */
    SERVERLESS("Serverless"),
    /** cdk-nag's NIST 800-53 revision 5 pack. */
    NIST_800_53_R5("NIST.800.53.R5"),
    /** cdk-nag's HIPAA Security pack. */
    HIPAA_SECURITY("HIPAA.Security");

    private final String prefix;

    NagPack(String prefix) {
        this.prefix = prefix;
    }

    /** The prefix of the pack's rule ids, e.g. {@code AwsSolutions} in {@code AwsSolutions-IAM5}. */
    public String prefix() {
        return prefix;
    }

    io.github.cdklabs.cdknag.NagPack create(NagPackProps props) {
        Supplier<io.github.cdklabs.cdknag.NagPack> pack = switch (this) {
            case AWS_SOLUTIONS -> () -> new AwsSolutionsChecks(props);
            case SERVERLESS -> () -> new ServerlessChecks(props);
            case NIST_800_53_R5 -> () -> new NIST80053R5Checks(props);
            case HIPAA_SECURITY -> () -> new HIPAASecurityChecks(props);
        };
        return pack.get();
    }
}
