-- Classic's simple search reads a word index (src/classic/db/search-words.ts) instead of the trigram index
-- over raw texts, which could not follow utf8mb4_unicode_ci (accents, ß, ligatures) and was no longer read.
DROP TRIGGER IF EXISTS `element_texts_ai`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `element_texts_ad`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `element_texts_au`;
--> statement-breakpoint
DROP TABLE IF EXISTS `element_texts_fts`;
--> statement-breakpoint
-- Triggers only mark an item's words stale (plain SQL, so any process may write the texts); searches read
-- stale items' texts themselves, and this server re-indexes them (search-words.ts, refreshItemSearch).
CREATE TABLE `item_search_fts_stale` (`item_id` integer PRIMARY KEY NOT NULL);
--> statement-breakpoint
CREATE VIRTUAL TABLE `item_search_fts` USING fts5(`words`, content='', contentless_delete=1, detail=none, tokenize='ascii');
--> statement-breakpoint
INSERT INTO `item_search_fts`(rowid, `words`) SELECT record_id, omeka_search_words(group_concat(text, char(10))) FROM `element_texts` WHERE record_type = 'Item' GROUP BY record_id;
--> statement-breakpoint
CREATE TRIGGER `item_search_ai` AFTER INSERT ON `element_texts` WHEN new.record_type = 'Item' BEGIN
  INSERT OR IGNORE INTO `item_search_fts_stale`(`item_id`) VALUES (new.record_id);
END;
--> statement-breakpoint
CREATE TRIGGER `item_search_ad` AFTER DELETE ON `element_texts` WHEN old.record_type = 'Item' BEGIN
  INSERT OR IGNORE INTO `item_search_fts_stale`(`item_id`) VALUES (old.record_id);
END;
--> statement-breakpoint
CREATE TRIGGER `item_search_au` AFTER UPDATE ON `element_texts` WHEN old.record_type = 'Item' OR new.record_type = 'Item' BEGIN
  INSERT OR IGNORE INTO `item_search_fts_stale`(`item_id`) SELECT old.record_id WHERE old.record_type = 'Item';
  INSERT OR IGNORE INTO `item_search_fts_stale`(`item_id`) SELECT new.record_id WHERE new.record_type = 'Item';
END;
