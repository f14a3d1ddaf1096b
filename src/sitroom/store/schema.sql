-- The sitroom store: one table per Document field, plus the corpus-level tables that merge builds.
-- Portable SQL: SQLite and PostgreSQL both run this file as is (fts_<dialect>.sql adds full-text search).
-- Offsets (start_char, end_char) are character offsets into articles.text, end exclusive.

CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,              -- Document.id: hash of the cleaned text
    input TEXT,                       -- the path (or WARC/JSONL file) it was read from
    url TEXT,
    format TEXT,                      -- text | html | json
    title TEXT,
    authors TEXT,                     -- JSON list
    publisher TEXT,
    published TEXT,                   -- ISO 8601
    language TEXT,
    text TEXT NOT NULL,               -- the cleaned body every span points into
    raw TEXT NOT NULL,                -- the input as received, so any stage can be re-run
    stages TEXT NOT NULL,             -- "clean@1 nlp@1 ...": the stage versions that produced the report
    report TEXT NOT NULL,             -- the full report JSON (without text and raw), for exact round trips
    ingested_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_published ON articles (published);
CREATE INDEX IF NOT EXISTS articles_publisher ON articles (publisher);

-- Every input that was read: what it became (an article) or why it failed. Resuming skips these.
CREATE TABLE IF NOT EXISTS inputs (
    input_key TEXT PRIMARY KEY,       -- hash of (input name, raw), known before any analysis
    input TEXT NOT NULL,
    article_id TEXT,                  -- NULL when it failed
    seen_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS inputs_article ON inputs (article_id);

CREATE TABLE IF NOT EXISTS failures (
    input_key TEXT PRIMARY KEY,
    input TEXT NOT NULL,
    reason TEXT NOT NULL,
    failed_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS entities (
    article_id TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    label TEXT NOT NULL,              -- spaCy entity type
    text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS entities_article ON entities (article_id);

CREATE TABLE IF NOT EXISTS actors (
    article_id TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    country TEXT,
    sector TEXT,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (article_id, actor_id)
);
CREATE INDEX IF NOT EXISTS actors_actor ON actors (actor_id);
CREATE INDEX IF NOT EXISTS actors_name ON actors (name);

CREATE TABLE IF NOT EXISTS actor_mentions (
    article_id TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS actor_mentions_article ON actor_mentions (article_id);

CREATE TABLE IF NOT EXISTS places (
    article_id TEXT NOT NULL,
    place_no INTEGER NOT NULL,        -- order in the report
    name TEXT NOT NULL,
    geonameid BIGINT,
    lat DOUBLE PRECISION,
    lon DOUBLE PRECISION,
    country TEXT,
    feature TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (article_id, place_no)
);
CREATE INDEX IF NOT EXISTS places_geonameid ON places (geonameid);
CREATE INDEX IF NOT EXISTS places_country ON places (country);

CREATE TABLE IF NOT EXISTS place_mentions (
    article_id TEXT NOT NULL,
    place_no INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS place_mentions_article ON place_mentions (article_id);

CREATE TABLE IF NOT EXISTS dates (
    article_id TEXT NOT NULL,
    date_no INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text TEXT NOT NULL,
    value TEXT,
    end_value TEXT,
    precision TEXT NOT NULL,
    kind TEXT NOT NULL,
    PRIMARY KEY (article_id, date_no)
);

CREATE TABLE IF NOT EXISTS quotes (
    id TEXT PRIMARY KEY,              -- article_id:quote_no
    article_id TEXT NOT NULL,
    quote_no INTEGER NOT NULL,
    kind TEXT NOT NULL,               -- direct | indirect | mixed
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text TEXT NOT NULL,
    speaker TEXT,
    speaker_actor TEXT,
    speaker_role TEXT,
    speaker_affiliation TEXT,
    cue TEXT
);
CREATE INDEX IF NOT EXISTS quotes_article ON quotes (article_id);
CREATE INDEX IF NOT EXISTS quotes_speaker_actor ON quotes (speaker_actor);

CREATE TABLE IF NOT EXISTS claims (
    article_id TEXT NOT NULL,
    claim_no INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text TEXT NOT NULL,
    certainty TEXT NOT NULL,          -- asserted | reported | hedged | contested | denied
    source TEXT,                      -- who asserts it; NULL = the author
    source_actor TEXT,
    PRIMARY KEY (article_id, claim_no)
);

CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY,              -- article_id:event_no
    article_id TEXT NOT NULL,
    event_no INTEGER NOT NULL,
    type TEXT NOT NULL,               -- PLOVER event type
    quad INTEGER,                     -- PLOVER quad class: 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    mode TEXT,
    cameo TEXT,
    acled TEXT,
    status TEXT NOT NULL,             -- occurred | ongoing | planned | threatened | hypothetical | negated
    date_start TEXT,
    date_end TEXT,
    date_precision TEXT,
    date_text TEXT,
    place TEXT,
    geonameid BIGINT,
    lat DOUBLE PRECISION,
    lon DOUBLE PRECISION,
    country TEXT,                     -- of the event's place, when the report resolved it
    attributed_to TEXT,
    evidence_start INTEGER NOT NULL,
    evidence_end INTEGER NOT NULL,
    evidence TEXT NOT NULL,
    published TEXT,                   -- of the article, for time filters when the event has no date
    publisher TEXT
);
CREATE INDEX IF NOT EXISTS events_article ON events (article_id);
CREATE INDEX IF NOT EXISTS events_date ON events (date_start);
CREATE INDEX IF NOT EXISTS events_type ON events (type);
CREATE INDEX IF NOT EXISTS events_country ON events (country);

CREATE TABLE IF NOT EXISTS event_actors (
    event_id TEXT NOT NULL,
    article_id TEXT NOT NULL,
    role TEXT NOT NULL,               -- source | target
    actor_id TEXT NOT NULL,
    name TEXT,
    kind TEXT,
    country TEXT,
    sector TEXT
);
CREATE INDEX IF NOT EXISTS event_actors_event ON event_actors (event_id);
CREATE INDEX IF NOT EXISTS event_actors_actor ON event_actors (actor_id);
CREATE INDEX IF NOT EXISTS event_actors_article ON event_actors (article_id);

CREATE TABLE IF NOT EXISTS event_quantities (
    event_id TEXT NOT NULL,
    article_id TEXT NOT NULL,
    value DOUBLE PRECISION,
    low DOUBLE PRECISION,
    high DOUBLE PRECISION,
    unit TEXT NOT NULL,               -- killed | injured | fighters | displaced | ...
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS event_quantities_event ON event_quantities (event_id);

CREATE TABLE IF NOT EXISTS agreements (
    article_id TEXT NOT NULL,
    agreement_no INTEGER NOT NULL,
    name TEXT NOT NULL,
    parties TEXT NOT NULL,            -- JSON list of actor ids
    brokers TEXT NOT NULL,            -- JSON list of actor ids
    date_start TEXT,
    evidence_start INTEGER NOT NULL,
    evidence_end INTEGER NOT NULL,
    evidence TEXT NOT NULL,
    PRIMARY KEY (article_id, agreement_no)
);

-- Built by merge (sitroom.merge), rebuilt whole by `Store.merge()`.
CREATE TABLE IF NOT EXISTS duplicates (
    article_id TEXT NOT NULL,         -- the later copy
    duplicate_of TEXT NOT NULL,       -- the earliest article of its copy group
    similarity DOUBLE PRECISION NOT NULL,  -- Jaccard of word 5-shingles
    PRIMARY KEY (article_id)
);

CREATE TABLE IF NOT EXISTS stories (
    article_id TEXT PRIMARY KEY,
    story_id TEXT NOT NULL            -- the first article of the story: articles that report the same news
);
CREATE INDEX IF NOT EXISTS stories_story ON stories (story_id);

CREATE TABLE IF NOT EXISTS incidents (
    id TEXT PRIMARY KEY,              -- the id of its first event
    type TEXT NOT NULL,
    quad INTEGER,
    status TEXT NOT NULL,
    date_start TEXT,
    date_end TEXT,
    place TEXT,
    lat DOUBLE PRECISION,
    lon DOUBLE PRECISION,
    country TEXT,
    reports INTEGER NOT NULL,         -- events merged into it
    articles INTEGER NOT NULL,
    sources INTEGER NOT NULL          -- independent sources: distinct publishers, copies excluded
);
CREATE INDEX IF NOT EXISTS incidents_date ON incidents (date_start);

CREATE TABLE IF NOT EXISTS incident_reports (
    incident_id TEXT NOT NULL,
    event_id TEXT NOT NULL PRIMARY KEY,
    article_id TEXT NOT NULL,
    publisher TEXT,
    independent INTEGER NOT NULL      -- 0 when the article is a copy of another report's article
);
CREATE INDEX IF NOT EXISTS incident_reports_incident ON incident_reports (incident_id);

-- Conflicting figures side by side: every quantity of every report, with who reports it.
CREATE VIEW IF NOT EXISTS incident_figures AS
SELECT r.incident_id, q.unit, q.value, q.low, q.high, q.text, r.event_id, r.article_id, r.publisher,
       e.attributed_to AS reported_by, r.independent
FROM incident_reports r
JOIN event_quantities q ON q.event_id = r.event_id
JOIN events e ON e.id = r.event_id;
