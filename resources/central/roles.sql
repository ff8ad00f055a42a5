-- Roles and database of Guichet's central audit store (PostgreSQL 15 or later).
--
-- Run once as a superuser:   psql -v ON_ERROR_STOP=1 -f roles.sql
-- then give each login role its password (typed, never stored in a file):
--   psql -c '\password guichet_owner'
-- and create the schema as the owner:
--   GUICHET_CENTRAL_PASSWORD=... guichet-audit central-migrate 'postgres://guichet_owner@audit.univ.fr/guichet_audit'
--
-- Three kinds of roles:
--   guichet_owner   owns the schema and its functions; applies the migrations. Nobody else.
--   guichet_desk    a group: every desk logs in with its own role, member of this group,
--                   that may only INSERT its own desk's events (row-level security) and
--                   call the desk functions (register, anchor check). No SELECT, UPDATE or DELETE.
--   guichet_reader  a group: read-only (the supervisors' review across desks, guichet-audit
--                   verify / export / stats against the centre).
-- Nobody may UPDATE, DELETE or TRUNCATE the trail: grants and triggers refuse it.

CREATE ROLE guichet_owner LOGIN;
CREATE ROLE guichet_desk NOLOGIN;
CREATE ROLE guichet_reader NOLOGIN;

CREATE DATABASE guichet_audit OWNER guichet_owner ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE guichet_audit FROM PUBLIC;
GRANT CONNECT ON DATABASE guichet_audit TO guichet_desk, guichet_reader;

-- One login role per desk (its name goes in the desk's audit.central.role), for example:
--   CREATE ROLE guichet_desk_accueil_01 LOGIN IN ROLE guichet_desk;
-- One login role per reader, for example:
--   CREATE ROLE supervision_dsi LOGIN IN ROLE guichet_reader;
-- The first desk to connect under a role registers the desk name it sends (its workstation
-- name); that role may then forward for that desk only, and that desk only under that role.
--
-- pg_hba.conf: hostssl only, scram-sha-256, for example:
--   hostssl guichet_audit +guichet_desk   10.0.0.0/8  scram-sha-256
--   hostssl guichet_audit +guichet_reader 10.0.0.0/8  scram-sha-256
--   hostssl guichet_audit guichet_owner   10.1.2.3/32 scram-sha-256
