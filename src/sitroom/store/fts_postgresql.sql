-- Full-text search for PostgreSQL: stored tsvector columns with GIN indexes.
ALTER TABLE articles ADD COLUMN IF NOT EXISTS search tsvector
    GENERATED ALWAYS AS (to_tsvector('english', coalesce(title, '') || ' ' || text)) STORED;
CREATE INDEX IF NOT EXISTS articles_search ON articles USING GIN (search);
ALTER TABLE quotes ADD COLUMN IF NOT EXISTS search tsvector
    GENERATED ALWAYS AS (to_tsvector('english', text || ' ' || coalesce(speaker, ''))) STORED;
CREATE INDEX IF NOT EXISTS quotes_search ON quotes USING GIN (search);
