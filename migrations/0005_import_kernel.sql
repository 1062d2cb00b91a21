ALTER TABLE `import_id_map` ADD `data` text;--> statement-breakpoint
ALTER TABLE `import_runs` ADD `from_flavor` text DEFAULT 'classic' NOT NULL;