"""PostgreSQL only: the history written by the server (SPEC §6.4), and the table of officers' logins.

On PostgreSQL a trigger records every change of a card: any write of `cards`, `card_bodies` or `photos`
marks the card in `history_tx` for the transaction; at commit (a deferred constraint trigger) one
history entry per marked card is written by `pc_write_history()`, a SECURITY DEFINER function of the
database's owner, with the login (session_user), the server's time and the hash chain. The program
describes its change (source 편집기/가져오기/…, summary, changes, the stored state) by inserting into
`history_pending` in the same transaction; a change made outside the program gets an entry of its own
(source "sql", the state as plain text). Officers' logins get no right on `history` but SELECT
(`pledgecard admin init`, db/policies.py), so the history is only ever written by this function.

`logins` maps a login to its 부서 and whether it is the planning office; the row-level security policies
(db/policies.py) read it. SQLite is left exactly as it was (the program writes its history there).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""

from __future__ import annotations

import re

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# The payload the server hashes (desktop.core.audit.Entry.server_payload builds the same bytes):
# "pcsv1" then every field as "<length in characters>:<text>".
UPGRADE = r"""
CREATE TABLE IF NOT EXISTS logins (
    login VARCHAR(63) PRIMARY KEY,
    dept VARCHAR(200) NOT NULL,
    planning BOOLEAN NOT NULL DEFAULT false
);
CREATE TABLE IF NOT EXISTS history_pending (
    id BIGSERIAL PRIMARY KEY,
    txid BIGINT NOT NULL DEFAULT txid_current(),
    card_id VARCHAR(36) NOT NULL,
    pledge_id VARCHAR(36) NOT NULL,
    revision INTEGER NOT NULL,
    source VARCHAR(20) NOT NULL,
    summary TEXT NOT NULL,
    changes TEXT NOT NULL,
    body BYTEA,
    who VARCHAR(200) NOT NULL DEFAULT '',
    dept VARCHAR(200) NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS ix_history_pending_tx ON history_pending (txid, card_id);
CREATE TABLE IF NOT EXISTS history_tx (
    txid BIGINT NOT NULL,
    card_id VARCHAR(36) NOT NULL,
    PRIMARY KEY (txid, card_id)
);

CREATE OR REPLACE FUNCTION pc_can_write(d TEXT) RETURNS BOOLEAN
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
    SELECT coalesce((SELECT l.planning OR l.dept = d FROM {schema}.logins l WHERE l.login = session_user), false)
$$;

CREATE OR REPLACE FUNCTION pc_can_write_card(cid TEXT) RETURNS BOOLEAN
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
    SELECT coalesce((SELECT {schema}.pc_can_write(c.dept) FROM {schema}.cards c WHERE c.id = cid), false)
$$;

CREATE OR REPLACE FUNCTION pc_mark() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
DECLARE
    cid TEXT;
BEGIN
    IF TG_TABLE_NAME = 'cards' THEN
        IF TG_OP = 'DELETE' THEN
            cid := OLD.id;
        ELSIF TG_OP = 'INSERT' THEN
            cid := NEW.id;
        ELSIF (OLD.pledge_id, OLD.template, OLD.number, OLD.title, OLD.dept, OLD.status, OLD.progress,
               OLD.base_date, OLD.org, OLD.deleted_at)
              IS DISTINCT FROM (NEW.pledge_id, NEW.template, NEW.number, NEW.title, NEW.dept, NEW.status,
               NEW.progress, NEW.base_date, NEW.org, NEW.deleted_at) OR OLD.id <> NEW.id THEN
            cid := NEW.id;
        END IF;
    ELSIF TG_TABLE_NAME = 'card_bodies' THEN
        IF TG_OP = 'DELETE' THEN
            cid := OLD.card_id;
        ELSIF TG_OP = 'INSERT' OR OLD.body IS DISTINCT FROM NEW.body OR OLD.card_id <> NEW.card_id THEN
            cid := NEW.card_id;
        END IF;
    ELSIF TG_TABLE_NAME = 'photos' THEN
        IF TG_OP = 'DELETE' THEN
            cid := OLD.card_id;
        ELSIF TG_OP = 'INSERT' OR (OLD.card_id, OLD.block, OLD.position, OLD.sha256, OLD.mime)
              IS DISTINCT FROM (NEW.card_id, NEW.block, NEW.position, NEW.sha256, NEW.mime) THEN
            cid := NEW.card_id;
        END IF;
    ELSE  -- history_pending: the program's description of its change
        cid := NEW.card_id;
    END IF;
    IF cid IS NOT NULL THEN
        INSERT INTO {schema}.history_tx (txid, card_id) VALUES (txid_current(), cid) ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION pc_hash(f TEXT[]) RETURNS TEXT
LANGUAGE plpgsql IMMUTABLE SET search_path = {schema}, pg_temp AS $$
DECLARE
    payload TEXT := 'pcsv1';
    x TEXT;
BEGIN
    FOREACH x IN ARRAY f LOOP
        payload := payload || length(x)::text || ':' || x;
    END LOOP;
    RETURN encode(sha256(convert_to(payload, 'UTF8')), 'hex');
END
$$;

CREATE OR REPLACE FUNCTION pc_write_history() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
DECLARE
    cid TEXT := NEW.card_id;
    head TEXT;
    seq BIGINT;
    prev TEXT;
    at_ts TIMESTAMP := (now() AT TIME ZONE 'UTC');
    at_text TEXT := to_char((now() AT TIME ZONE 'UTC'), 'YYYY-MM-DD"T"HH24:MI:SS.US');
    login TEXT := session_user;
    where_from TEXT := coalesce(host(inet_client_addr()), '');
    login_dept TEXT;
    p RECORD;
    c RECORD;
    n INTEGER := 0;
    v_who TEXT;
    v_dept TEXT;
    v_hash TEXT;
    v_body BYTEA;
    v_source TEXT;
    v_pledge TEXT;
    v_rev INTEGER;
    v_summary TEXT;
BEGIN
    SELECT value INTO head FROM {schema}.meta WHERE key = 'history_head' FOR UPDATE;
    IF head IS NULL THEN
        head := '0:' || repeat('0', 64);
        INSERT INTO {schema}.meta (key, value) VALUES ('history_head', head);
    END IF;
    seq := split_part(head, ':', 1)::BIGINT;
    prev := split_part(head, ':', 2);
    SELECT l.dept INTO login_dept FROM {schema}.logins l WHERE l.login = session_user;
    FOR p IN SELECT * FROM {schema}.history_pending hp WHERE hp.txid = NEW.txid AND hp.card_id = cid
             ORDER BY hp.id LOOP
        seq := seq + 1;
        n := n + 1;
        v_who := left(coalesce(nullif(p.who, ''), login), 200);
        v_dept := left(coalesce(login_dept, p.dept, ''), 200);
        v_hash := {schema}.pc_hash(ARRAY[seq::text, p.card_id, p.pledge_id, p.revision::text, at_text, v_who,
                                         v_dept, p.source, p.summary, p.changes, prev, login, where_from,
                                         coalesce(encode(sha256(p.body), 'hex'), '')]);
        INSERT INTO {schema}.history (seq, card_id, pledge_id, revision, at, who, dept, os_user, host, source,
                                      summary, changes, body, prev_hash, hash)
        VALUES (seq, p.card_id, p.pledge_id, p.revision, at_ts, v_who, v_dept, login, where_from, p.source,
                p.summary, p.changes, p.body, prev, v_hash);
        prev := v_hash;
    END LOOP;
    IF n = 0 THEN  -- changed outside the program: the state as it is now, as plain text
        v_source := left(coalesce(nullif(current_setting('pledgecard.source', true), ''), 'sql'), 20);
        SELECT cr.pledge_id, cr.version, cb.body INTO c
            FROM {schema}.cards cr LEFT JOIN {schema}.card_bodies cb ON cb.card_id = cr.id WHERE cr.id = cid;
        IF FOUND THEN
            v_pledge := c.pledge_id;
            v_rev := c.version;
            v_summary := '프로그램 밖에서 변경됨';
            IF c.body IS NOT NULL THEN
                v_body := 'T'::bytea || convert_to('{{"photos":' || coalesce((
                    SELECT json_agg(json_build_array(ph.block, ph.position, ph.sha256, ph.mime)
                                    ORDER BY ph.block, ph.position)::text
                    FROM {schema}.photos ph WHERE ph.card_id = cid), '[]') || ',"card":' || c.body || '}}', 'UTF8');
            END IF;
        ELSE
            SELECT h.pledge_id, h.revision INTO v_pledge, v_rev FROM {schema}.history h WHERE h.card_id = cid
                ORDER BY h.seq DESC LIMIT 1;
            v_summary := '프로그램 밖에서 영구 삭제됨';
        END IF;
        IF v_pledge IS NOT NULL THEN
            seq := seq + 1;
            n := 1;
            v_who := left(login, 200);
            v_dept := left(coalesce(login_dept, ''), 200);
            v_hash := {schema}.pc_hash(ARRAY[seq::text, cid, v_pledge, v_rev::text, at_text, v_who, v_dept,
                                             v_source, v_summary, '[]', prev, login, where_from,
                                             coalesce(encode(sha256(v_body), 'hex'), '')]);
            INSERT INTO {schema}.history (seq, card_id, pledge_id, revision, at, who, dept, os_user, host, source,
                                          summary, changes, body, prev_hash, hash)
            VALUES (seq, cid, v_pledge, v_rev, at_ts, v_who, v_dept, login, where_from, v_source, v_summary,
                    '[]', v_body, prev, v_hash);
            prev := v_hash;
        END IF;
    END IF;
    IF n > 0 THEN
        UPDATE {schema}.meta SET value = seq::text || ':' || prev WHERE key = 'history_head';
    END IF;
    DELETE FROM {schema}.history_pending hp WHERE hp.txid = NEW.txid AND hp.card_id = cid;
    DELETE FROM {schema}.history_tx t WHERE t.txid = NEW.txid AND t.card_id = cid;
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS pc_mark_cards ON cards;
CREATE TRIGGER pc_mark_cards AFTER INSERT OR UPDATE OR DELETE ON cards
    FOR EACH ROW EXECUTE FUNCTION pc_mark();
DROP TRIGGER IF EXISTS pc_mark_bodies ON card_bodies;
CREATE TRIGGER pc_mark_bodies AFTER INSERT OR UPDATE OR DELETE ON card_bodies
    FOR EACH ROW EXECUTE FUNCTION pc_mark();
DROP TRIGGER IF EXISTS pc_mark_photos ON photos;
CREATE TRIGGER pc_mark_photos AFTER INSERT OR UPDATE OR DELETE ON photos
    FOR EACH ROW EXECUTE FUNCTION pc_mark();
DROP TRIGGER IF EXISTS pc_mark_pending ON history_pending;
CREATE TRIGGER pc_mark_pending AFTER INSERT ON history_pending
    FOR EACH ROW EXECUTE FUNCTION pc_mark();
DROP TRIGGER IF EXISTS pc_write_history ON history_tx;
CREATE CONSTRAINT TRIGGER pc_write_history AFTER INSERT ON history_tx
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION pc_write_history();
"""

DOWNGRADE = """
DROP TRIGGER IF EXISTS pc_write_history ON history_tx;
DROP TRIGGER IF EXISTS pc_mark_pending ON history_pending;
DROP TRIGGER IF EXISTS pc_mark_photos ON photos;
DROP TRIGGER IF EXISTS pc_mark_bodies ON card_bodies;
DROP TRIGGER IF EXISTS pc_mark_cards ON cards;
DROP FUNCTION IF EXISTS pc_write_history();
DROP FUNCTION IF EXISTS pc_hash(TEXT[]);
DROP FUNCTION IF EXISTS pc_mark();
DROP FUNCTION IF EXISTS pc_can_write_card(TEXT);
DROP FUNCTION IF EXISTS pc_can_write(TEXT);
DROP TABLE IF EXISTS history_tx;
DROP TABLE IF EXISTS history_pending;
DROP TABLE IF EXISTS logins;
"""


def _schema() -> str:
    """The schema the tables are in (quoted), named in the functions so that no temporary table of a
    login's can stand in for them."""
    if op.get_context().as_sql:
        return "public"
    found = op.get_bind().exec_driver_sql("SELECT quote_ident(current_schema())").scalar()
    return str(found or "public")


def _statements(sql: str) -> list[str]:
    """One statement at a time (the driver's extended protocol takes one): a statement ends with ';' at
    the end of a line that the next CREATE or DROP starts (function bodies are indented)."""
    return [s.strip() for s in re.split(r";\s*\n(?=(?:CREATE|DROP) )", sql) if s.strip()]


def upgrade() -> None:
    if op.get_context().dialect.name != "postgresql":
        return  # SQLite: the program writes its history, as before
    sql = UPGRADE.replace("{schema}", _schema()).replace("{{", "{").replace("}}", "}")
    for statement in _statements(sql):
        op.execute(statement)


def downgrade() -> None:
    if op.get_context().dialect.name != "postgresql":
        return
    for statement in _statements(DOWNGRADE):
        op.execute(statement)
