-- A minimal register of Business Associate Agreements (#13): a channel whose vendor handles PHI
-- (SMS) is used for an organization only while an agreement with that vendor is in force. The
-- compliance work extends this register later.
create table vendor_agreements (
  organization_id uuid not null references organizations (id),
  vendor text not null check (vendor ~ '^[a-z_]{1,40}$'),
  signed_on date not null,
  expires_on date,
  recorded_by text not null,
  recorded_at timestamptz not null default now(),
  primary key (organization_id, vendor),
  check (expires_on is null or expires_on >= signed_on)
);
