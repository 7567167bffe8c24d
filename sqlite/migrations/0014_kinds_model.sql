-- Which version of the kinds classifier gave the stored services their
-- kinds of support (directory.Service.Kinds, kept in service.doc). When
-- the shipped model changes, every service not corrected by an admin is
-- classified again (sqlite/kinds.go, Reclassify). One row at most.
CREATE TABLE kinds_model (
	id      INTEGER PRIMARY KEY CHECK (id = 1),
	version TEXT NOT NULL
);
