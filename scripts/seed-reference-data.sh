#!/usr/bin/env bash
# Seeds the reference data into a deployed app: the products of reference-data/products.jsonl (one
# DynamoDB JSON item per line: productId, name, priceCents, stock) into the Data stack's products table.
# A product that exists is left as it is (its stock may have moved since): the seed never overwrites.
#
#   scripts/seed-reference-data.sh [stage]        # default stage: dev (stack Stratus-<stage>-Data)
#
# Needs the AWS CLI v2 with credentials for the app's account and region. The catalog import
# (imports/products-*.csv, issue 12) replaces this once it is deployed.
set -euo pipefail
stage="${1:-dev}"
here="$(cd "$(dirname "$0")" && pwd)"
stack="Stratus-${stage}-Data"
table="$(aws cloudformation describe-stack-resources --stack-name "$stack" \
    --query "StackResources[?ResourceType=='AWS::DynamoDB::Table' && starts_with(LogicalResourceId, 'ProductsTable')].PhysicalResourceId" \
    --output text)"
if [ -z "$table" ] || [ "$table" = "None" ]; then
    echo "no products table in stack $stack" >&2
    exit 1
fi
added=0
kept=0
while IFS= read -r item; do
    [ -z "$item" ] && continue
    if aws dynamodb put-item --table-name "$table" --item "$item" \
            --condition-expression "attribute_not_exists(productId)" >/dev/null 2>/tmp/seed-error.$$; then
        added=$((added + 1))
    elif grep -q ConditionalCheckFailedException /tmp/seed-error.$$; then
        kept=$((kept + 1))
    else
        cat /tmp/seed-error.$$ >&2
        rm -f /tmp/seed-error.$$
        exit 1
    fi
done < "$here/reference-data/products.jsonl"
rm -f /tmp/seed-error.$$
echo "products table $table: $added added, $kept already there"
