-- 0012: archived customers are left out of the board and its totals (they already were out of
-- Today and the lists). The board's totals read only the open deals' index; to leave out the
-- few archived customers' deals they look them up in this small index instead of reading
-- every customer row. Nothing is changed or lost: archived stays as it was on every row.

CREATE INDEX customer_archived ON customer(id) WHERE archived = 1;
