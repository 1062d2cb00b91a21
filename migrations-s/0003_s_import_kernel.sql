ALTER TABLE `import_record` ADD `before` text;--> statement-breakpoint
ALTER TABLE `import_run` ADD `omeka_url` text;--> statement-breakpoint
ALTER TABLE `import_run` ADD `since` text;