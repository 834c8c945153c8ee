-- 0005: indexes for the daily review's "due by cadence" list. Never edit once released.
-- The review asks, once per interval group, for the customers of that group whose last
-- contact is on or before the group's cutoff, oldest first, and stops after a page; these
-- indexes make each ask one index range read in order.

-- Query: today's "due by cadence", customers on their quadrant's default interval
-- (portfolio IS ?, last_contact_on <= cutoff ORDER BY last_contact_on; never contacted:
-- last_contact_on IS NULL ORDER BY created_at).
CREATE INDEX customer_cadence_quadrant ON customer(portfolio, last_contact_on, created_at)
    WHERE archived = 0 AND cadence_days IS NULL;

-- Query: today's "due by cadence", customers with their own interval (one range per distinct
-- cadence_days; the distinct values are read from this index too).
CREATE INDEX customer_cadence_override ON customer(cadence_days, last_contact_on, created_at)
    WHERE archived = 0 AND cadence_days IS NOT NULL;
