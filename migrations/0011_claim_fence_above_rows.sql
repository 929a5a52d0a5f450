-- Fencing tokens come from delivery_claim_fence from now on: start it above every token a row
-- already holds, so a claim made before the upgrade is never confused with one made after.
SELECT setval('delivery_claim_fence', coalesce((SELECT max("fence") FROM "delivery_delivered"), 0) + 1, false);
