-- Member lists of 100,000 people: every sort the list offers by index is
-- delivered by one index in order, name included as the tie-break, and a
-- search of one group is answered by the search index alone.

-- (group_id, column, sort_key): "sort by employee ID, then name" needs no
-- sorting at all; without sort_key SQLite sorted every member of the group.
DROP INDEX members_by_employee;
CREATE INDEX members_by_employee ON members (group_id, employee_id, sort_key);
DROP INDEX members_by_birth;
CREATE INDEX members_by_birth ON members (group_id, date_of_birth, sort_key);

-- grp holds the member's group as one token ('g' || hex(group_id), see
-- groupToken), so "this group's members whose names start with m" is one
-- index lookup and the count of a search needs no table access. Rows are
-- written by the store (sqlite.Tx.indexMember) and deleted by
-- members_search_delete, which this rebuild keeps.
DROP TABLE member_search;
CREATE VIRTUAL TABLE member_search USING fts5 (
    grp, name, employee_id, ssn_last4,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
);
INSERT INTO member_search (rowid, grp, name, employee_id, ssn_last4)
    SELECT rowid, 'g' || lower(hex(group_id)), sort_key, employee_id, ssn_last4 FROM members;
