CREATE TABLE `api_key` (
	`id` text PRIMARY KEY NOT NULL,
	`credential_hash` text NOT NULL,
	`owner_id` integer NOT NULL,
	`label` text,
	FOREIGN KEY (`owner_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `api_key_owner` ON `api_key` (`owner_id`);--> statement-breakpoint
CREATE TABLE `asset` (
	`id` integer PRIMARY KEY NOT NULL,
	`owner_id` integer,
	`name` text NOT NULL,
	`media_type` text NOT NULL,
	`storage_id` text NOT NULL,
	`extension` text,
	`alt_text` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `asset_storage_id_unique` ON `asset` (`storage_id`);--> statement-breakpoint
CREATE TABLE `job` (
	`id` integer PRIMARY KEY NOT NULL,
	`owner_id` integer,
	`status` text NOT NULL,
	`class` text NOT NULL,
	`args` text,
	`started` text NOT NULL,
	`ended` text
);
--> statement-breakpoint
CREATE TABLE `module` (
	`id` text PRIMARY KEY NOT NULL,
	`is_active` integer NOT NULL,
	`version` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `property` (
	`id` integer PRIMARY KEY NOT NULL,
	`owner_id` integer,
	`vocabulary_id` integer NOT NULL,
	`local_name` text NOT NULL,
	`label` text NOT NULL,
	`comment` text,
	FOREIGN KEY (`vocabulary_id`) REFERENCES `vocabulary`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `property_vocabulary_local_name` ON `property` (`vocabulary_id`,`local_name`);--> statement-breakpoint
CREATE TABLE `resource_class` (
	`id` integer PRIMARY KEY NOT NULL,
	`owner_id` integer,
	`vocabulary_id` integer NOT NULL,
	`local_name` text NOT NULL,
	`label` text NOT NULL,
	`comment` text,
	FOREIGN KEY (`vocabulary_id`) REFERENCES `vocabulary`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `resource_class_vocabulary_local_name` ON `resource_class` (`vocabulary_id`,`local_name`);--> statement-breakpoint
CREATE TABLE `resource_template_property` (
	`id` integer PRIMARY KEY NOT NULL,
	`resource_template_id` integer NOT NULL,
	`property_id` integer NOT NULL,
	`alternate_label` text,
	`alternate_comment` text,
	`position` integer NOT NULL,
	`data_type` text DEFAULT '[]' NOT NULL,
	`is_required` integer DEFAULT false NOT NULL,
	`is_private` integer DEFAULT false NOT NULL,
	`default_lang` text,
	FOREIGN KEY (`resource_template_id`) REFERENCES `resource_template`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rtp_template_property` ON `resource_template_property` (`resource_template_id`,`property_id`);--> statement-breakpoint
CREATE TABLE `resource_template` (
	`id` integer PRIMARY KEY NOT NULL,
	`owner_id` integer,
	`resource_class_id` integer,
	`title_property_id` integer,
	`description_property_id` integer,
	`label` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `resource_template_label_unique` ON `resource_template` (`label`);--> statement-breakpoint
CREATE TABLE `sequence` (
	`name` text PRIMARY KEY NOT NULL,
	`next` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `setting` (
	`id` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `user` (
	`id` integer PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`created` text NOT NULL,
	`modified` text,
	`role` text NOT NULL,
	`is_active` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `user_email_unique` ON `user` (`email`);--> statement-breakpoint
CREATE TABLE `vocabulary` (
	`id` integer PRIMARY KEY NOT NULL,
	`owner_id` integer,
	`namespace_uri` text NOT NULL,
	`prefix` text NOT NULL,
	`label` text NOT NULL,
	`comment` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `vocabulary_namespace_uri_unique` ON `vocabulary` (`namespace_uri`);--> statement-breakpoint
CREATE UNIQUE INDEX `vocabulary_prefix_unique` ON `vocabulary` (`prefix`);--> statement-breakpoint
CREATE TABLE `item_item_set` (
	`item_id` integer NOT NULL,
	`item_set_id` integer NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`item_id`, `item_set_id`),
	FOREIGN KEY (`item_id`) REFERENCES `resource`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`item_set_id`) REFERENCES `resource`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `item_item_set_set` ON `item_item_set` (`item_set_id`);--> statement-breakpoint
CREATE TABLE `item_set` (
	`id` integer PRIMARY KEY NOT NULL,
	`is_open` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`id`) REFERENCES `resource`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `item_site` (
	`item_id` integer NOT NULL,
	`site_id` integer NOT NULL,
	PRIMARY KEY(`item_id`, `site_id`),
	FOREIGN KEY (`item_id`) REFERENCES `resource`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `item_site_site` ON `item_site` (`site_id`);--> statement-breakpoint
CREATE TABLE `item` (
	`id` integer PRIMARY KEY NOT NULL,
	`primary_media_id` integer,
	FOREIGN KEY (`id`) REFERENCES `resource`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `media` (
	`id` integer PRIMARY KEY NOT NULL,
	`item_id` integer NOT NULL,
	`ingester` text NOT NULL,
	`renderer` text NOT NULL,
	`data` text,
	`source` text,
	`media_type` text,
	`storage_id` text,
	`extension` text,
	`sha256` text,
	`size` integer,
	`has_original` integer DEFAULT false NOT NULL,
	`has_thumbnails` integer DEFAULT false NOT NULL,
	`position` integer,
	`lang` text,
	`alt_text` text,
	FOREIGN KEY (`id`) REFERENCES `resource`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `media_item` ON `media` (`item_id`,`position`);--> statement-breakpoint
CREATE TABLE `resource` (
	`id` integer PRIMARY KEY NOT NULL,
	`resource_type` text NOT NULL,
	`owner_id` integer,
	`resource_class_id` integer,
	`resource_template_id` integer,
	`thumbnail_id` integer,
	`title` text,
	`is_public` integer DEFAULT true NOT NULL,
	`created` text NOT NULL,
	`modified` text
);
--> statement-breakpoint
CREATE INDEX `resource_kind` ON `resource` (`resource_type`,`id`);--> statement-breakpoint
CREATE INDEX `resource_owner` ON `resource` (`owner_id`);--> statement-breakpoint
CREATE INDEX `resource_resource_class` ON `resource` (`resource_class_id`);--> statement-breakpoint
CREATE TABLE `value` (
	`id` integer PRIMARY KEY NOT NULL,
	`resource_id` integer NOT NULL,
	`property_id` integer NOT NULL,
	`value_resource_id` integer,
	`type` text NOT NULL,
	`lang` text,
	`value` text,
	`uri` text,
	`is_public` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`resource_id`) REFERENCES `resource`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `value_resource` ON `value` (`resource_id`,`id`);--> statement-breakpoint
CREATE INDEX `value_property` ON `value` (`property_id`);--> statement-breakpoint
CREATE INDEX `value_target` ON `value` (`value_resource_id`);--> statement-breakpoint
CREATE TABLE `site_block_attachment` (
	`id` integer PRIMARY KEY NOT NULL,
	`block_id` integer NOT NULL,
	`item_id` integer,
	`media_id` integer,
	`caption` text DEFAULT '' NOT NULL,
	`position` integer NOT NULL,
	FOREIGN KEY (`block_id`) REFERENCES `site_page_block`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `site_block_attachment_block` ON `site_block_attachment` (`block_id`);--> statement-breakpoint
CREATE TABLE `site_item_set` (
	`id` integer PRIMARY KEY NOT NULL,
	`site_id` integer NOT NULL,
	`item_set_id` integer NOT NULL,
	`position` integer NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `site`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `site_item_set_site` ON `site_item_set` (`site_id`);--> statement-breakpoint
CREATE TABLE `site_page_block` (
	`id` integer PRIMARY KEY NOT NULL,
	`page_id` integer NOT NULL,
	`layout` text NOT NULL,
	`data` text NOT NULL,
	`layout_data` text,
	`position` integer NOT NULL,
	FOREIGN KEY (`page_id`) REFERENCES `site_page`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `site_page_block_page` ON `site_page_block` (`page_id`);--> statement-breakpoint
CREATE TABLE `site_page` (
	`id` integer PRIMARY KEY NOT NULL,
	`site_id` integer NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`is_public` integer DEFAULT true NOT NULL,
	`layout` text,
	`layout_data` text,
	`created` text NOT NULL,
	`modified` text,
	FOREIGN KEY (`site_id`) REFERENCES `site`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `site_page_site` ON `site_page` (`site_id`);--> statement-breakpoint
CREATE TABLE `site_permission` (
	`id` integer PRIMARY KEY NOT NULL,
	`site_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`role` text NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `site`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `site_permission_site` ON `site_permission` (`site_id`);--> statement-breakpoint
CREATE TABLE `site` (
	`id` integer PRIMARY KEY NOT NULL,
	`owner_id` integer,
	`slug` text NOT NULL,
	`theme` text NOT NULL,
	`title` text NOT NULL,
	`summary` text,
	`thumbnail_id` integer,
	`navigation` text DEFAULT '[]' NOT NULL,
	`homepage_id` integer,
	`item_pool` text DEFAULT '[]' NOT NULL,
	`created` text NOT NULL,
	`modified` text,
	`is_public` integer DEFAULT true NOT NULL,
	`assign_new_items` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `site_slug_unique` ON `site` (`slug`);