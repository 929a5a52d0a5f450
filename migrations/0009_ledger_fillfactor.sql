-- Every delivered event's row is written twice: inserted by the claim, then updated by the record
-- (delivered_at, lease_until). Leaving 30 % of each page free lets that update stay on the same
-- page without touching the indexes (a heap-only tuple update), also for a batch of 100 claims
-- whose record comes after the page filled. Applies to pages written from now on.
ALTER TABLE "delivery_delivered" SET (fillfactor = 70);
