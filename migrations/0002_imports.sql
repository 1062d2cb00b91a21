CREATE TABLE `import_id_map` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`origin` text NOT NULL,
	`resource` text NOT NULL,
	`remote_id` integer NOT NULL,
	`local_id` integer NOT NULL,
	`hash` text,
	`local_modified` text,
	`created_by_run` integer,
	`pending` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `import_id_map_key` ON `import_id_map` (`origin`,`resource`,`remote_id`);--> statement-breakpoint
CREATE INDEX `import_id_map_local` ON `import_id_map` (`resource`,`local_id`);--> statement-breakpoint
CREATE INDEX `import_id_map_run` ON `import_id_map` (`created_by_run`);--> statement-breakpoint
CREATE TABLE `import_records` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`run_id` integer NOT NULL,
	`resource` text NOT NULL,
	`remote_id` integer,
	`local_id` integer,
	`outcome` text NOT NULL,
	`message` text,
	`before` text
);
--> statement-breakpoint
CREATE INDEX `import_records_run` ON `import_records` (`run_id`,`outcome`);--> statement-breakpoint
CREATE TABLE `import_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`endpoint` text NOT NULL,
	`origin` text NOT NULL,
	`omeka_url` text,
	`status` text NOT NULL,
	`options` text NOT NULL,
	`counters` text DEFAULT '{}' NOT NULL,
	`cursor` text,
	`since` text,
	`requests` integer DEFAULT 0 NOT NULL,
	`retries` integer DEFAULT 0 NOT NULL,
	`bytes` integer DEFAULT 0 NOT NULL,
	`message` text,
	`owner_id` integer,
	`added` text NOT NULL,
	`started` text,
	`finished` text
);
--> statement-breakpoint
CREATE INDEX `import_runs_origin` ON `import_runs` (`origin`,`status`);