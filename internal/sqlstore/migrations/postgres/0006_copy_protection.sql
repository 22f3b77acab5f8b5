-- An article's own copy protection: '' follows the site's setting,
-- otherwise 'off', 'notice' or 'attribute' (herald.CopyOff, …).
ALTER TABLE articles ADD COLUMN copy_protection TEXT NOT NULL DEFAULT '';
