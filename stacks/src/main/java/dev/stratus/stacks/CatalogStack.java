package dev.stratus.stacks;

import dev.stratus.constructs.files.FileIngest;
import dev.stratus.constructs.function.SecureFunction;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.kms.IKey;
import software.constructs.Construct;

/**
 * File upload → function: the product catalog import. CSV files uploaded under {@code imports/} reach
 * the catalog-import function through a {@link FileIngest}; valid rows land in the products table, a
 * report of each file under {@code reports/}.
 */
public class CatalogStack extends Stack {
    static final String CATALOG_IMPORT_HANDLER = "dev.stratus.functions.catalogimport.CatalogImportFunction::handleRequest";
    /** Where uploads go, and what the rule passes on (the function imports {@code products-*.csv} among them). */
    public static final String IMPORTS_PREFIX = "imports/";
    /** Where the function writes each file's report: outside the watched prefix, so a report triggers nothing. */
    public static final String REPORTS_PREFIX = "reports/";

    private final FileIngest catalogImport;

    public CatalogStack(Construct scope, String id, StackProps props, AppConfig config, DataStack data) {
        super(scope, id, props);
        IKey functionKey = FunctionKeys.forStack(this, config);
        SecureFunction function = SecureFunction.Builder.create(this, "CatalogImportFunction")
                .encryptionKey(functionKey)
                .description("Imports imports/products-*.csv into the products table, with a report under reports/")
                .handler(CATALOG_IMPORT_HANDLER)
                .codePath(FunctionAssets.jar(config, "catalog-import"))
                // a 10 MB file of ~250,000 rows: about 40 s of batch writes at the local engine's pace
                .timeout(Duration.minutes(3))
                .memorySize(1536)
                .environment("PRODUCTS_TABLE_NAME", data.getProducts().getTableName())
                .build();
        this.catalogImport = FileIngest.Builder.create(this, "CatalogImport")
                .function(function)
                .prefix(IMPORTS_PREFIX)
                .suffix(".csv")
                .build();
        catalogImport.grantRead(function, IMPORTS_PREFIX);
        // HeadObject of its own reports (imported already?) and PutObject of new ones
        catalogImport.grantRead(function, REPORTS_PREFIX);
        catalogImport.grantWrite(function, REPORTS_PREFIX);
        data.getProducts().grantItemActions(function, "dynamodb:BatchWriteItem");

        CfnOutput.Builder.create(this, "CatalogBucketName").value(catalogImport.getBucket().getBucketName())
                .description("Upload product files to s3://<this>/imports/products-<name>.csv; reports appear under reports/").build();
        CfnOutput.Builder.create(this, "RedriveCatalogImport").value(catalogImport.redriveCommand())
                .description("Moves the file events of the catalog import's DLQ back to its queue, once the cause is fixed").build();
    }

    public FileIngest getCatalogImport() {
        return catalogImport;
    }
}
