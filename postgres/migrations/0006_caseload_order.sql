-- The caseload is ordered by search_name (and paged on that order). SQLite
-- compares text byte by byte; PostgreSQL by the database's collation,
-- which in most locales skips spaces and punctuation at first ("ann
-- smith" after "anna"), so the two stores would list, and page, a
-- caseload differently. Byte order ("C") makes them agree whatever
-- locale the database was created in; the indexes holding search_name
-- are rebuilt with it, so they still serve the caseload's orders.
ALTER TABLE people ALTER COLUMN search_name TYPE text COLLATE "C";
