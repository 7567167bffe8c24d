-- Which of Linkway's kinds of support each service has (the ids of
-- service.doc's kinds, which keep their provenance), so that browsing a
-- kind and counting kinds read an index instead of every document: at
-- 100,000 services, json_each over each doc takes seconds.
CREATE TABLE service_kind (
	service_id TEXT NOT NULL REFERENCES service (id) ON DELETE CASCADE,
	kind_id    TEXT NOT NULL,
	position   INTEGER NOT NULL,
	PRIMARY KEY (service_id, kind_id)
);
CREATE INDEX service_kind_kind ON service_kind (kind_id, service_id);

INSERT OR IGNORE INTO service_kind (service_id, kind_id, position)
SELECT s.id, k.value ->> 'id', k.key
FROM service s, json_each(s.doc, '$.kinds') k;
