// Schema v2 (closed school spaces), applied by SqliteStorage::migrate after v1.
// v1 data is kept: classes become groups (same ids), a person's org, role,
// class and badge move from users to memberships (one per org), logins get their
// own table (e-mail and phone), chats learn which class they belong to.
// Foreign keys are off while a migration runs (users is rebuilt) and checked
// with foreign_key_check before it commits.
#pragma once

namespace parta::server {

inline constexpr const char* kSchemaV2 = R"sql(
ALTER TABLE orgs ADD COLUMN type INTEGER NOT NULL DEFAULT 1;
ALTER TABLE orgs ADD COLUMN region TEXT NOT NULL DEFAULT '';
ALTER TABLE orgs ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE orgs ADD COLUMN status INTEGER NOT NULL DEFAULT 1;        -- OrgStatus
ALTER TABLE orgs ADD COLUMN journal_url TEXT NOT NULL DEFAULT '';
ALTER TABLE orgs ADD COLUMN created_at_ms INTEGER NOT NULL DEFAULT 0;

CREATE TABLE groups(
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  kind INTEGER NOT NULL,                                              -- GroupKind
  name TEXT NOT NULL,
  class_teacher_id INTEGER REFERENCES users(id),
  UNIQUE(org_id, name));
INSERT INTO groups(id, org_id, kind, name) SELECT id, org_id, 1, name FROM classes;

CREATE TABLE users_v2(
  id INTEGER PRIMARY KEY,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  platform_operator INTEGER NOT NULL DEFAULT 0,
  created_at_ms INTEGER NOT NULL DEFAULT 0);
INSERT INTO users_v2(id, display_name, password_hash) SELECT id, display_name, password_hash FROM users;

CREATE TABLE logins(
  login TEXT PRIMARY KEY,                -- normalized e-mail or phone; never sent to clients
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  is_email INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX logins_by_user ON logins(user_id);
INSERT INTO logins(login, user_id, is_email) SELECT login, id, instr(login, '@') > 0 FROM users;

CREATE TABLE memberships(
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  role INTEGER NOT NULL,                                              -- Role
  group_id INTEGER REFERENCES groups(id),                             -- students and parents: the class
  verified_teacher INTEGER NOT NULL DEFAULT 0,
  joined_at_ms INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY(user_id, org_id)) WITHOUT ROWID;
CREATE INDEX memberships_by_org ON memberships(org_id, user_id);
INSERT INTO memberships(user_id, org_id, role, group_id, verified_teacher)
  SELECT id, org_id, role, class_id, verified_teacher FROM users;

DROP TABLE users;
ALTER TABLE users_v2 RENAME TO users;
DROP TABLE classes;

CREATE TABLE guardians(
  parent_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  child_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  PRIMARY KEY(parent_id, child_id)) WITHOUT ROWID;
CREATE INDEX guardians_by_child ON guardians(child_id);

-- purpose: 0 any chat, 1 the class chat of group_id, 2 the parents' chat of group_id.
ALTER TABLE chats ADD COLUMN group_id INTEGER REFERENCES groups(id);
ALTER TABLE chats ADD COLUMN purpose INTEGER NOT NULL DEFAULT 0;
UPDATE chats SET purpose = 1, group_id = (SELECT g.id FROM groups g WHERE g.org_id = chats.org_id AND g.name = chats.title)
  WHERE kind = 2 AND EXISTS(SELECT 1 FROM groups g WHERE g.org_id = chats.org_id AND g.name = chats.title);
UPDATE chats SET purpose = 2,
  group_id = (SELECT g.id FROM groups g WHERE g.org_id = chats.org_id AND 'Родители ' || g.name = chats.title)
  WHERE kind = 2 AND EXISTS(SELECT 1 FROM groups g WHERE g.org_id = chats.org_id AND 'Родители ' || g.name = chats.title);
CREATE INDEX chats_by_group ON chats(group_id, purpose);

ALTER TABLE sessions ADD COLUMN public_id TEXT NOT NULL DEFAULT '';  -- SessionInfo.id; not a credential
ALTER TABLE sessions ADD COLUMN last_seen_ms INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN client TEXT NOT NULL DEFAULT '';
UPDATE sessions SET public_id = lower(hex(randomblob(16))), last_seen_ms = created_at_ms;
CREATE UNIQUE INDEX sessions_by_public_id ON sessions(public_id);

CREATE TABLE uploads(
  id TEXT PRIMARY KEY,                   -- 256 random bits, hex; also the file name in data_dir/uploads
  content_type TEXT NOT NULL,            -- sniffed from the bytes, never the client's word
  size INTEGER NOT NULL,
  created_at_ms INTEGER NOT NULL,
  expires_at_ms INTEGER NOT NULL,        -- unused uploads are deleted after this
  used INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;

CREATE TABLE applications(
  id INTEGER PRIMARY KEY,
  org_name TEXT NOT NULL,
  region TEXT NOT NULL,
  address TEXT NOT NULL,
  type INTEGER NOT NULL,
  admin_name TEXT NOT NULL,
  admin_phone TEXT NOT NULL,             -- normalized; shown masked only
  admin_email TEXT NOT NULL,             -- normalized; shown masked only
  admin_password_hash TEXT NOT NULL,
  document_id TEXT NOT NULL REFERENCES uploads(id),
  document_type TEXT NOT NULL,
  submitted_at_ms INTEGER NOT NULL,
  status INTEGER NOT NULL DEFAULT 1,     -- ApplicationStatus
  decision_reason TEXT NOT NULL DEFAULT '',
  decided_at_ms INTEGER NOT NULL DEFAULT 0,
  org_id INTEGER REFERENCES orgs(id));
CREATE INDEX applications_by_status ON applications(status, id);

CREATE TABLE invite_links(
  id INTEGER PRIMARY KEY,
  token TEXT NOT NULL UNIQUE,            -- 256 random bits, hex: shown again to its creator and admins
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  kind INTEGER NOT NULL,                 -- LinkKind
  group_id INTEGER REFERENCES groups(id),
  chat_id INTEGER REFERENCES chats(id),
  child_id INTEGER REFERENCES users(id), -- a PARENTS link sent by this student
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at_ms INTEGER NOT NULL,
  expires_at_ms INTEGER NOT NULL,
  max_uses INTEGER NOT NULL DEFAULT 0,   -- 0 = unlimited
  uses INTEGER NOT NULL DEFAULT 0,
  revoked INTEGER NOT NULL DEFAULT 0);
CREATE INDEX invite_links_by_org ON invite_links(org_id, created_by);

CREATE TABLE pending_registrations(
  id TEXT PRIMARY KEY,                   -- 128 random bits, hex: RegistrationPending.registration_id
  link_id INTEGER NOT NULL REFERENCES invite_links(id),
  display_name TEXT NOT NULL,
  login TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  parent_email TEXT NOT NULL,
  code_hash BLOB NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at_ms INTEGER NOT NULL,
  expires_at_ms INTEGER NOT NULL) WITHOUT ROWID;

CREATE TABLE login_codes(
  user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  code_hash BLOB NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at_ms INTEGER NOT NULL,
  expires_at_ms INTEGER NOT NULL);
)sql";

}  // namespace parta::server
