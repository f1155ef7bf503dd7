package dev.stratus.test;

/**
 * One cdk-nag result on one resource.
 *
 * @param pack       the pack's name, e.g. {@code AwsSolutions}
 * @param ruleId     e.g. {@code AwsSolutions-IAM5}
 * @param findingId  the rule id, with the finding in brackets when the rule reports several per
 *                   resource: {@code AwsSolutions-IAM5[Resource::*]} (what a suppression can be limited to)
 * @param level      {@code Error} or {@code Warning}
 * @param resource   the construct path of the resource
 * @param info       what the rule checks
 * @param suppressionReason the reason given, or null when the finding is not suppressed
 */
public record NagFinding(String pack, String ruleId, String findingId, String level, String resource, String info,
                         String suppressionReason) {

    /**
     * Whether the finding carries a suppression with a reason.
     * @return true when suppressed
     */
    public boolean suppressed() {
        return suppressionReason != null;
    }

    @Override
    public String toString() {
        return level + " " + findingId + " on " + resource + (suppressed() ? " (suppressed: " + suppressionReason + ")" : ": " + info);
    }
}
