-- Six-digit codes sent by email: a patient's second factor at sign-in (purpose 'mfa', bound to
-- the session that owes it), a guest's proof of their email before booking ('guest'), and a visit
-- link's proof that the person opening it holds the email on file ('visit').
--
-- code_hash is an HMAC of the row id and the code under the organization's index key (a key the
-- database does not hold), so a dump of this table does not give the codes away by trying the
-- million candidates. `subject` is what sends are counted and codes looked up by: 'account:<id>',
-- 'guest:<blind index of the email, hex>' or 'visit:<visit link id>' (no PHI). payload, for a
-- guest, is what they gave (name, date of birth, sex, email, phone) sealed in the vault until the
-- code is entered; it is cleared when the code is used.
create table one_time_codes (
  id uuid primary key,
  organization_id uuid not null references organizations (id),
  purpose text not null check (purpose in ('mfa', 'guest', 'visit')),
  subject text not null check (length(subject) between 3 and 200),
  session_id uuid,
  code_hash bytea not null,
  payload bytea,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  used_at timestamptz,
  failures int not null default 0 check (failures >= 0),
  check ((purpose = 'mfa') = (session_id is not null)),
  check (purpose = 'guest' or payload is null)
);

create index one_time_codes_subject
  on one_time_codes (organization_id, purpose, subject, created_at desc);
