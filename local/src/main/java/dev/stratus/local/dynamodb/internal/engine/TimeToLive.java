package dev.stratus.local.dynamodb.internal.engine;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.stratus.local.dynamodb.internal.value.Value;

/**
 * Time-to-live expiry as DynamoDB's background process does it (Developer Guide, "Time to Live
 * (TTL)"): an item expires when its TTL attribute is a top-level Number of epoch seconds before now;
 * values more than five years in the past are not deleted ("Formatting an item's TTL attribute").
 * The deletion is a service deletion: its stream record carries the service's identity.
 */
final class TimeToLive {
    private TimeToLive() {
    }

    static int expire(Engine engine) {
        Instant now = engine.clock().now();
        BigDecimal nowSeconds = BigDecimal.valueOf(now.getEpochSecond());
        BigDecimal oldest = BigDecimal.valueOf(now.atZone(java.time.ZoneOffset.UTC).minusYears(5).toInstant()
                .truncatedTo(ChronoUnit.SECONDS).getEpochSecond());
        int expired = 0;
        for (Table table : engine.tables().values()) {
            String attribute = table.schema().ttlAttribute();
            if (attribute == null) {
                continue;
            }
            table.lock().writeLock().lock();
            try {
                List<Map<String, Value>> due = new ArrayList<>();
                for (Map<String, Value> item : table.items().values()) {
                    Value ttl = item.get(attribute);
                    if (ttl instanceof Value.N) {
                        BigDecimal at = ((Value.N) ttl).value();
                        if (at.compareTo(nowSeconds) < 0 && at.compareTo(oldest) >= 0) {
                            due.add(item);
                        }
                    }
                }
                for (Map<String, Value> item : due) {
                    table.write(item, null, true);
                    expired++;
                }
            } finally {
                table.lock().writeLock().unlock();
            }
        }
        return expired;
    }
}
