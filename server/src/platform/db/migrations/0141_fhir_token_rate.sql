-- Token requests per registered client, counted in fixed one-minute windows: the token endpoint
-- refuses a client past its limit (a leaked client id cannot make it verify signatures without
-- end, nor a misbehaving system flood it).
create table fhir_token_requests (
  client_id uuid primary key references fhir_clients (id),
  window_start timestamptz not null,
  requests integer not null check (requests > 0)
);
