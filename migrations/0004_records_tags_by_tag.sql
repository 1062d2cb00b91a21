-- Items by tag (tags=, excludeTags=, search=): start from the tag and read its Item taggings straight
-- from the index, instead of walking every Item tagging (records_tags_unique leads with record_type).
CREATE INDEX `records_tags_tag_record` ON `records_tags` (`tag_id`,`record_type`,`record_id`);
