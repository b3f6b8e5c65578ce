-- Client and device ids are the scanning device's own: unique within a checkpoint, not across the
-- country, so one checkpoint can never claim (or drop as a duplicate) another checkpoint's crossing.

ALTER TABLE crossings DROP CONSTRAINT crossings_client_id_key;
ALTER TABLE crossings ADD CONSTRAINT crossings_checkpoint_client UNIQUE (checkpoint_code, client_id);

ALTER TABLE scanner_devices DROP CONSTRAINT scanner_devices_pkey;
ALTER TABLE scanner_devices ADD PRIMARY KEY (checkpoint_code, device_id);
DROP INDEX scanner_devices_checkpoint;
