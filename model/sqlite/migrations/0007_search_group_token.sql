-- The group token of 0003 began with "g", so the search index's one-letter
-- prefix "g" held every member's group token besides the names starting
-- with g, and typing "g" read them all. The token now begins with U+E000, a
-- private-use character nobody types (searchExpr drops it: it is neither a
-- letter nor a digit), so no prefix a person types can reach it.
INSERT INTO member_search (member_search) VALUES ('delete-all');
INSERT INTO member_search (rowid, grp, name, employee_id, ssn_last4)
    SELECT rowid, char(57344) || lower(hex(group_id)), sort_key, employee_id, ssn_last4 FROM members;
