CREATE TABLE `import_id_map` (
	`origin` text NOT NULL,
	`resource` text NOT NULL,
	`remote_id` integer NOT NULL,
	`local_id` integer NOT NULL,
	`hash` text,
	`local_modified` text,
	`created_by_run` integer,
	`pending` text,
	`data` text,
	PRIMARY KEY(`origin`, `resource`, `remote_id`)
);
--> statement-breakpoint
CREATE INDEX `import_id_map_run` ON `import_id_map` (`created_by_run`);--> statement-breakpoint
CREATE TABLE `import_record` (
	`id` integer PRIMARY KEY NOT NULL,
	`run_id` integer NOT NULL,
	`resource` text NOT NULL,
	`remote_id` integer,
	`local_id` integer,
	`outcome` text NOT NULL,
	`message` text,
	FOREIGN KEY (`run_id`) REFERENCES `import_run`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `import_record_run` ON `import_record` (`run_id`,`outcome`);--> statement-breakpoint
CREATE TABLE `import_run` (
	`id` integer PRIMARY KEY NOT NULL,
	`endpoint` text NOT NULL,
	`origin` text NOT NULL,
	`from_flavor` text NOT NULL,
	`status` text NOT NULL,
	`options` text NOT NULL,
	`counters` text NOT NULL,
	`cursor` text,
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
CREATE INDEX `import_run_origin` ON `import_run` (`origin`,`status`);