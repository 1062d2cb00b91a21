CREATE TABLE `keys` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`key` text NOT NULL,
	`label` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `keys_key_unique` ON `keys` (`key`);--> statement-breakpoint
CREATE INDEX `keys_user_id` ON `keys` (`user_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`password_hash` text,
	`active` integer DEFAULT true NOT NULL,
	`role` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (`username`);--> statement-breakpoint
CREATE TABLE `element_sets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`record_type` text,
	`name` text NOT NULL,
	`description` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `element_sets_name_unique` ON `element_sets` (`name`);--> statement-breakpoint
CREATE TABLE `elements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`element_set_id` integer NOT NULL,
	`order` integer,
	`name` text NOT NULL,
	`description` text,
	`comment` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `elements_set_name` ON `elements` (`element_set_id`,`name`);--> statement-breakpoint
CREATE INDEX `elements_order` ON `elements` (`element_set_id`,`order`);--> statement-breakpoint
CREATE TABLE `item_types` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`description` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `item_types_name_unique` ON `item_types` (`name`);--> statement-breakpoint
CREATE TABLE `item_types_elements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`item_type_id` integer NOT NULL,
	`element_id` integer NOT NULL,
	`order` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `item_types_elements_pair` ON `item_types_elements` (`item_type_id`,`element_id`);--> statement-breakpoint
CREATE INDEX `item_types_elements_element` ON `item_types_elements` (`element_id`);--> statement-breakpoint
CREATE TABLE `collections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`public` integer DEFAULT false NOT NULL,
	`featured` integer DEFAULT false NOT NULL,
	`added` text NOT NULL,
	`modified` text NOT NULL,
	`owner_id` integer
);
--> statement-breakpoint
CREATE INDEX `collections_public` ON `collections` (`public`);--> statement-breakpoint
CREATE INDEX `collections_owner` ON `collections` (`owner_id`);--> statement-breakpoint
CREATE TABLE `element_texts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`record_id` integer NOT NULL,
	`record_type` text NOT NULL,
	`element_id` integer NOT NULL,
	`html` integer DEFAULT false NOT NULL,
	`text` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `element_texts_record` ON `element_texts` (`record_type`,`record_id`);--> statement-breakpoint
CREATE INDEX `element_texts_element` ON `element_texts` (`element_id`,`record_type`);--> statement-breakpoint
CREATE TABLE `files` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`item_id` integer NOT NULL,
	`order` integer,
	`filename` text NOT NULL,
	`original_filename` text NOT NULL,
	`size` integer NOT NULL,
	`authentication` text,
	`mime_type` text,
	`type_os` text,
	`has_derivative_image` integer DEFAULT false NOT NULL,
	`stored` integer DEFAULT true NOT NULL,
	`added` text NOT NULL,
	`modified` text NOT NULL,
	`metadata` text DEFAULT '[]' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `files_item` ON `files` (`item_id`,`order`);--> statement-breakpoint
CREATE INDEX `files_filename` ON `files` (`filename`);--> statement-breakpoint
CREATE TABLE `items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`item_type_id` integer,
	`collection_id` integer,
	`featured` integer DEFAULT false NOT NULL,
	`public` integer DEFAULT false NOT NULL,
	`added` text NOT NULL,
	`modified` text NOT NULL,
	`owner_id` integer
);
--> statement-breakpoint
CREATE INDEX `items_public` ON `items` (`public`,`id`);--> statement-breakpoint
CREATE INDEX `items_collection` ON `items` (`collection_id`);--> statement-breakpoint
CREATE INDEX `items_item_type` ON `items` (`item_type_id`);--> statement-breakpoint
CREATE INDEX `items_owner` ON `items` (`owner_id`);--> statement-breakpoint
CREATE INDEX `items_added` ON `items` (`added`);--> statement-breakpoint
CREATE INDEX `items_modified` ON `items` (`modified`);--> statement-breakpoint
CREATE TABLE `records_tags` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`record_id` integer NOT NULL,
	`record_type` text NOT NULL,
	`tag_id` integer NOT NULL,
	`time` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `records_tags_unique` ON `records_tags` (`record_type`,`record_id`,`tag_id`);--> statement-breakpoint
CREATE INDEX `records_tags_tag` ON `records_tags` (`tag_id`);--> statement-breakpoint
CREATE TABLE `tags` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tags_name_unique` ON `tags` (`name`);--> statement-breakpoint
CREATE TABLE `options` (
	`name` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
