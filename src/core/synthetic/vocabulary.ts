// Word pools for synthetic sites: plausible archival metadata in several languages and scripts.

export const TITLE_SUBJECTS = [
  'Letter', 'Photograph', 'Map', 'Diary', 'Postcard', 'Portrait', 'Ledger', 'Pamphlet', 'Sketch', 'Recording',
  'Broadside', 'Telegram', 'Survey', 'Manuscript', 'Scrapbook', 'Menu', 'Poster', 'Interview', 'Sermon', 'Atlas',
] as const

export const TITLE_TOPICS = [
  'the harbour at dawn', 'the mill workers’ strike', 'a wedding in the valley', 'the flood of the river',
  'the new railway station', 'the village school', 'the lighthouse keeper', 'the summer fair', 'the cathedral square',
  'the copper mine', 'the Zürich conference', 'the Kraków market', 'the São Paulo exhibition', 'the Reykjavík harbour',
  'the Łódź textile mills', 'the Café Müller', 'the 東京 tram line', 'the Αθήνα excavation', 'the Москва theatre',
  'the women’s suffrage march', 'the orchard harvest', 'the fishing fleet', 'the town council', 'the printing works',
] as const

export const FIRST_NAMES = [
  'Ada', 'José', 'Mei', 'Søren', 'Amélie', 'Kwame', 'Ingrid', 'Łucja', 'Rahul', 'Zoë', 'Björn', 'Aiyana',
  'François', 'Nuño', 'Yūko', 'Olamide', 'Émile', 'Saoirse', 'Dmitri', 'Fatima',
] as const

export const LAST_NAMES = [
  'Lovelace', 'García Márquez', 'Chen', 'Kierkegaard', 'Dubois', 'Mensah', 'Bergström', 'Wójcik', 'Iyer',
  'Ångström', 'Þórsson', 'O’Connor', 'Nakamura', 'Okafor', 'Müller', 'Ní Bhriain', 'Petrov', 'Haddad',
] as const

export const SUBJECTS = [
  'Labor unions', 'Railroads', 'Women -- Suffrage', 'Immigration', 'Agriculture', 'Architecture', 'Maritime history',
  'Mining', 'Education', 'Religion', 'Music', 'Photography', 'World War, 1914-1918', 'Public health', 'Textiles',
  'Urban planning', 'Folklore', 'Cartography', 'Printing', 'Fisheries',
] as const

export const PUBLISHERS = ['Historical Society Press', 'Éditions du Port', 'Verlag Müller & Söhne', 'City Archives', 'University Library'] as const
export const LANGUAGES = ['en', 'fr', 'de', 'es', 'pl', 'ja', 'is'] as const
export const RIGHTS = ['Public domain', 'CC BY 4.0', 'CC BY-NC 4.0', 'In copyright', 'Rights status not evaluated'] as const
export const FORMATS = ['image/jpeg', 'text/plain', 'application/pdf', '35mm film', 'Paper, 21 x 29.7 cm', 'Audio cassette'] as const
export const PLACES = ['Kraków, Poland', 'São Paulo, Brazil', 'Reykjavík, Iceland', 'Zürich, Switzerland', 'Köln, Germany', 'Montréal, Canada', 'Dublin, Ireland', '京都, Japan'] as const

export const TAG_WORDS = [
  'letters', 'history', 'photographs', 'maps', 'family', 'industry', 'harbour', 'railway', 'school', 'church',
  'café', 'Zürich', 'Łódź', 'mémoire', 'straße', 'fiesta', '写真', 'архив', 'oral-history', 'suffrage',
] as const
export const TAG_QUALIFIERS = ['', '19th century', '20th century', 'digitized', 'to review'] as const

export const SENTENCES = [
  'The item was donated by a descendant of the family in 1978.',
  'Handwritten in ink on laid paper, with a later pencil annotation.',
  'Shows the street before the widening works of the 1920s.',
  'Part of a series documenting everyday life in the district.',
  'The reverse carries a stamp of the photographic studio.',
  'Condition: minor foxing and a tear along the lower edge.',
  'Transcribed by volunteers during the 2019 community project.',
  'Mentions the price of bread and the weather of the week.',
  'Les légendes ont été ajoutées par l’archiviste en 1954.',
  'Die Rückseite trägt eine Widmung „für Anna“.',
] as const

export const HTML_SNIPPETS = [
  (s: string) => `<p>${s}</p>`,
  (s: string) => `<p><strong>Note:</strong> ${s}</p>\n<p>See also <a href="https://example.org/catalogue">the catalogue</a>.</p>`,
  (s: string) => `<ul>\n<li>${s}</li>\n<li><em>Provenance unknown</em></li>\n</ul>`,
] as const
