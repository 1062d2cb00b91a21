import { describe, expect, it } from 'vitest'
import { mysqliQuote, stripQuoted, unboundName } from './zend-statement.js'
import { parsePhpQuery } from '../core/http/php-query.js'
import { itemsSelectText } from './api/items/items.sql-text.js'

describe("Zend_Db_Statement's quote stripping (Mysqli adapter)", () => {
  // Zend Framework 1.12's own vectors for Zend_Db_Statement_Mysqli::_stripQuoted (tests/Zend/Db/Statement/MysqliTest.php, ZF-7911).
  it.each([
    ['SELECT * FROM `strange`table1`', 'SELECT * FROM table1`'],
    ['SELECT * FROM `strange``table2`', 'SELECT * FROM '],
    ['SELECT * FROM `strange```table3`', 'SELECT * FROM table3`'],
    ['SELECT * FROM `strange\\`table4`', 'SELECT * FROM table4`'],
    ['SELECT * FROM `strange\\``table5`', 'SELECT * FROM '],
    ['SELECT * FROM `strange\\```table6`', 'SELECT * FROM table6`'],
    ["SELECT 'value7' AS identifier", 'SELECT  AS identifier'],
    ["SELECT 'strange:value8' AS identifier", 'SELECT  AS identifier'],
    ["SELECT 'strange'value9' AS identifier", "SELECT value9' AS identifier"],
    ["SELECT 'strange''value10' AS identifier", 'SELECT  AS identifier'],
    ["SELECT 'strange'''value11' AS identifier", "SELECT value11' AS identifier"],
    ["SELECT 'strange\\'value12' AS identifier", 'SELECT  AS identifier'],
    ["SELECT 'strange\\''value13' AS identifier", "SELECT value13' AS identifier"],
    ['SELECT "value15" AS identifier', 'SELECT  AS identifier'],
    ['SELECT "strange:value16" AS identifier', 'SELECT  AS identifier'],
    ['SELECT "strange"value17" AS identifier', 'SELECT value17" AS identifier'],
    ['SELECT "strange""value18" AS identifier', 'SELECT  AS identifier'],
    ['SELECT "strange"""value19" AS identifier', 'SELECT value19" AS identifier'],
    ['SELECT "strange\\"value20" AS identifier', 'SELECT  AS identifier'],
    ['SELECT "strange\\""value21" AS identifier', 'SELECT value21" AS identifier'],
    ["SELECT 'strange\\'''value23' AS identifier", 'SELECT  AS identifier'],
    ["SELECT '?`' `x`, col `y` FROM t WHERE u = ?;", 'SELECT  , col  FROM t WHERE u = ?;'],
    ['SELECT "?`" `x`, col `y` FROM t WHERE u = ?;', 'SELECT  , col  FROM t WHERE u = ?;'],
    [
      "INSERT INTO `pcre` (`test`) VALUES ('In MySQL, the backtick (`) is used to quoted identifiers, and here is another backtick: ` ...ooops');",
      'INSERT INTO  () VALUES ();',
    ],
  ])('strips %s', (sql, stripped) => {
    expect(stripQuoted(sql)).toBe(stripped)
  })

  it('quotes as mysqli real_escape_string does', () => {
    expect(mysqliQuote('a\'b"c\\d\ne\rf\0g\x1ah')).toBe("'a\\'b\\\"c\\\\d\\ne\\rf\\0g\\Zh'")
  })

  it('finds the named variable a value it cannot strip leaves behind, and nothing when every value strips', () => {
    const sql = (term: string) =>
      `SELECT * FROM t LEFT JOIN x ON x.text REGEXP ${mysqliQuote(term)} WHERE (a > '2026-11-22 06:53:31')`
    expect(unboundName(sql('\\d{3}'))).toBe(':53')
    expect(unboundName(sql('say "hi"'))).toBe(':53')
    expect(unboundName(sql('two\nlines'))).toBe(':53')
    expect(unboundName(sql("it's"))).toBeUndefined()
    expect(unboundName(sql('plain'))).toBeUndefined()
    expect(unboundName("SELECT ':a' WHERE b = ?")).toBeUndefined()
  })
})

describe('the items select as Zend reads it (Table_Item, bug-compatible 500)', () => {
  const name = (qs: string) => unboundName(itemsSelectText(parsePhpQuery(qs), ','))
  it('fails when a negated advanced row (in a JOIN) breaks the stripping before a date [random 0289, 0502]', () => {
    expect(
      name(
        'item_type=Text&excludeTags=tag-101-strike&added_since=2026-11-22T01%3A53%3A31-05%3A00&advanced[0][element_id]=41&advanced[0][type]=does%20not%20contain&advanced[0][terms]=fire&advanced[1][joiner]=and&advanced[1][element_id]=40&advanced[1][type]=does%20not%20match&advanced[1][terms]=%5Cd%7B3%7D&advanced[2][joiner]=or&advanced[2][element_id]=40&advanced[2][type]=is%20not%20empty&advanced[3][joiner]=or&advanced[3][element_id]=10&advanced[3][type]=is%20exactly&advanced[3][terms]=x',
      ),
    ).toBe(':53')
    expect(
      name(
        'advanced[0][element_id]=1&advanced[0][type]=does%20not%20match&advanced[0][terms]=%5Cd%7B3%7D&modified_since=2026-11-22T01%3A52%3A57-05%3A00&range=1773',
      ),
    ).toBe(':52')
  })

  it('passes when the broken value comes after the date, or nothing later holds a colon [random 1438, 1488]', () => {
    // A positive row's predicate is in the WHERE, after the date.
    expect(
      name('added_since=2026-11-22&advanced[0][element_id]=1&advanced[0][type]=matches&advanced[0][terms]=%5Cd'),
    ).toBeUndefined()
    expect(name('search=%22Synthetic%20record%22&excludeTags=tag-180-photo')).toBeUndefined()
    expect(
      name('advanced[0][element_id]=1&advanced[0][type]=does%20not%20match&advanced[0][terms]=%5Cd&tags=a'),
    ).toBeUndefined()
  })

  it('fails on a later value of the query itself: a simple search word or a tag with a colon', () => {
    expect(name('search=a%5Cb%20c%3Ad')).toBe(':d')
    const negated = (term: string) =>
      name(`tags=x%3Ay&advanced[0][element_id]=1&advanced[0][type]=does%20not%20contain&advanced[0][terms]=${term}`)
    expect(negated('%5Cq')).toBe(':y')
    // A double quote breaks the stripping too, but the second pass then pairs its `"` with the tag subquery's
    // `"Item"` and strips the colon with it.
    expect(negated('%22q%22')).toBeUndefined()
  })
})
