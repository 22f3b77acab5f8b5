-- reasons says why the spam checks held a comment or marked it spam: a
-- JSON array of short phrases for moderators. Comments stored before this
-- migration have none.
ALTER TABLE comments ADD COLUMN reasons TEXT NOT NULL DEFAULT '';
