-- The store writes a member's search row itself, in the same transaction as
-- the member (sqlite.Tx.indexMember). With these triggers every member
-- INSERT or UPDATE was a multi-table statement, for which SQLite keeps a
-- statement journal holding a copy of every page the statement touches:
-- enrolling 100,000 people took many times longer. Deleting a member still
-- goes through members_search_delete (a delete may cascade to dependents).
DROP TRIGGER members_search_insert;
DROP TRIGGER members_search_update;
