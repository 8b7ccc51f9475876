-- The product's standard tiers: quota per namespace, container defaults for the LimitRange, monthly price.
insert into tier (name, description, cpu, memory, storage, pods, services, persistent_volume_claims, monthly_cost_cents,
                  default_cpu_request, default_cpu_limit, default_memory_request, default_memory_limit) values
  ('micro',  'Experiments and small tools',       '1', '2Gi',  '10Gi',  5,  3,  10,  5000, '100m', '500m', '128Mi', '512Mi'),
  ('small',  'A service and its worker',          '2', '4Gi',  '20Gi',  10, 5,  10, 10000, '100m', '1',    '256Mi', '1Gi'),
  ('medium', 'A product team''s main namespace',  '4', '8Gi',  '50Gi',  20, 10, 10, 20000, '250m', '1',    '512Mi', '2Gi'),
  ('large',  'Data-heavy or high-traffic systems', '8', '16Gi', '100Gi', 50, 20, 10, 40000, '500m', '2',    '1Gi',   '4Gi');

-- Features: the labels and annotations each puts on the namespace; the cluster's add-ons act on them.
insert into feature (name, description, labels, annotations) values
  ('monitoring',
   'The platform''s Prometheus scrapes the namespace (pods annotated prometheus.io/scrape) and its network policy admits the monitoring namespaces.',
   '{"features.platform.io/monitoring": "enabled"}', '{}'),
  ('service-mesh',
   'Sidecar injection by the service mesh (Istio-compatible injection label).',
   '{"istio-injection": "enabled", "features.platform.io/service-mesh": "enabled"}', '{}'),
  ('backup',
   'Nightly backup of the namespace''s resources and volumes by the cluster backup operator (Velero-compatible schedule annotations).',
   '{"features.platform.io/backup": "enabled"}',
   '{"backup.platform.io/schedule": "0 2 * * *", "backup.platform.io/retention": "720h"}');
