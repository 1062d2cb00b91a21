CREATE TABLE `exhibit_block_attachments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`block_id` integer NOT NULL,
	`item_id` integer NOT NULL,
	`file_id` integer,
	`caption` text,
	`order` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`block_id`) REFERENCES `exhibit_page_blocks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`file_id`) REFERENCES `files`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `exhibit_block_attachments_block` ON `exhibit_block_attachments` (`block_id`,`order`);--> statement-breakpoint
CREATE INDEX `exhibit_block_attachments_item` ON `exhibit_block_attachments` (`item_id`);--> statement-breakpoint
CREATE TABLE `exhibit_page_blocks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`page_id` integer NOT NULL,
	`layout` text NOT NULL,
	`options` text,
	`text` text,
	`order` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`page_id`) REFERENCES `exhibit_pages`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `exhibit_page_blocks_page` ON `exhibit_page_blocks` (`page_id`,`order`);--> statement-breakpoint
CREATE TABLE `exhibit_pages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`exhibit_id` integer NOT NULL,
	`parent_id` integer,
	`title` text DEFAULT '' NOT NULL,
	`short_title` text,
	`slug` text NOT NULL,
	`order` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`exhibit_id`) REFERENCES `exhibits`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`parent_id`) REFERENCES `exhibit_pages`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `exhibit_pages_exhibit` ON `exhibit_pages` (`exhibit_id`,`parent_id`,`order`);--> statement-breakpoint
CREATE TABLE `exhibits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text DEFAULT '' NOT NULL,
	`slug` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`credits` text DEFAULT '' NOT NULL,
	`featured` integer DEFAULT false NOT NULL,
	`public` integer DEFAULT false NOT NULL,
	`theme` text,
	`theme_options` text,
	`use_summary_page` integer DEFAULT true NOT NULL,
	`cover_image_file_id` integer,
	`added` text NOT NULL,
	`modified` text NOT NULL,
	`owner_id` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `exhibits_slug` ON `exhibits` (`slug`);--> statement-breakpoint
CREATE INDEX `exhibits_public` ON `exhibits` (`public`);--> statement-breakpoint
CREATE TABLE `locations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`item_id` integer NOT NULL,
	`latitude` real NOT NULL,
	`longitude` real NOT NULL,
	`zoom_level` integer NOT NULL,
	`map_type` text DEFAULT '' NOT NULL,
	`address` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `locations_item` ON `locations` (`item_id`);--> statement-breakpoint
CREATE TABLE `plugins` (
	`name` text PRIMARY KEY NOT NULL,
	`active` integer DEFAULT true NOT NULL
);
