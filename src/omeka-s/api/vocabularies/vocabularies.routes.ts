import { createVocabulary, deleteVocabulary } from './vocabularies.write.js'
import { adapterClass, type Resource } from '../../context.js'
import { tableRead, tableSearch } from '../../simple.js'
import { vocabularySpec } from './vocabularies.repo.js'

export const vocabulariesResource: Resource = {
  name: 'vocabularies',
  adapter: adapterClass('Vocabulary'),
  search: (req) => tableSearch(req, vocabularySpec),
  read: (req) => tableRead(req, vocabularySpec),
  create: (req) => createVocabulary(req),
  delete: (req) => deleteVocabulary(req),
}
