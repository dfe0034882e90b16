-- Break-glass (emergency) access, issue 6: a clinician who does not treat a patient may open the
-- patient's clinical record for a short time, giving a reason code (never free text). Each grant
-- is audited as `patient.break_glass` and raises the break-glass alert; what was read under it is
-- audited as every read is. Grants are never changed: they lapse at `expires_at`.
create table emergency_access (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references organizations (id),
  account_id text not null,
  patient_id uuid not null,
  reason text not null check (reason in ('emergency_care', 'covering_clinician', 'urgent_result')),
  granted_at timestamptz not null,
  expires_at timestamptz not null check (expires_at > granted_at),
  foreign key (organization_id, patient_id) references patients (organization_id, id)
);

create index emergency_access_holder on emergency_access (account_id, patient_id, expires_at);
