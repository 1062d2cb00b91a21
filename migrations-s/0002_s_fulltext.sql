-- Full-text search (Omeka S's fulltext_search table with a MySQL FULLTEXT index): trigram FTS5 indexes
-- over value text and resource titles, kept by triggers, so fulltext_search finds its rows by index.
CREATE VIRTUAL TABLE `value_fts` USING fts5(`value`, `uri`, content='value', content_rowid='id', tokenize='trigram');
--> statement-breakpoint
CREATE VIRTUAL TABLE `resource_title_fts` USING fts5(`title`, content='resource', content_rowid='id', tokenize='trigram');
--> statement-breakpoint
INSERT INTO `value_fts`(`value_fts`) VALUES ('rebuild');
--> statement-breakpoint
INSERT INTO `resource_title_fts`(`resource_title_fts`) VALUES ('rebuild');
--> statement-breakpoint
CREATE TRIGGER `value_fts_insert` AFTER INSERT ON `value` BEGIN
  INSERT INTO `value_fts`(rowid, `value`, `uri`) VALUES (new.id, new.value, new.uri);
END;
--> statement-breakpoint
CREATE TRIGGER `value_fts_delete` AFTER DELETE ON `value` BEGIN
  INSERT INTO `value_fts`(`value_fts`, rowid, `value`, `uri`) VALUES ('delete', old.id, old.value, old.uri);
END;
--> statement-breakpoint
CREATE TRIGGER `value_fts_update` AFTER UPDATE OF `id`, `value`, `uri` ON `value` BEGIN
  INSERT INTO `value_fts`(`value_fts`, rowid, `value`, `uri`) VALUES ('delete', old.id, old.value, old.uri);
  INSERT INTO `value_fts`(rowid, `value`, `uri`) VALUES (new.id, new.value, new.uri);
END;
--> statement-breakpoint
CREATE TRIGGER `resource_title_fts_insert` AFTER INSERT ON `resource` BEGIN
  INSERT INTO `resource_title_fts`(rowid, `title`) VALUES (new.id, new.title);
END;
--> statement-breakpoint
CREATE TRIGGER `resource_title_fts_delete` AFTER DELETE ON `resource` BEGIN
  INSERT INTO `resource_title_fts`(`resource_title_fts`, rowid, `title`) VALUES ('delete', old.id, old.title);
END;
--> statement-breakpoint
CREATE TRIGGER `resource_title_fts_update` AFTER UPDATE OF `id`, `title` ON `resource` BEGIN
  INSERT INTO `resource_title_fts`(`resource_title_fts`, rowid, `title`) VALUES ('delete', old.id, old.title);
  INSERT INTO `resource_title_fts`(rowid, `title`) VALUES (new.id, new.title);
END;
