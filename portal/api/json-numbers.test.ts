import { describe, expect, it } from 'vitest';
import { inexactJsonNumbers } from './json-numbers.js';

const fieldsOf = (json: string) => inexactJsonNumbers(json).map((problem) => problem.field);

describe('inexactJsonNumbers', () => {
  it('passes every number that reads back as written, however it is spelled', () => {
    const exact = ['0', '-0', '0.1', '12.5', '-12.50', '1e3', '1E+3', '1.5e-7', '100000000000000000000', '1e21', '9007199254740991', '0.30000000000000004', '5e-324', '0.000'];
    for (const number of exact) expect(inexactJsonNumbers(`{"value": ${number}}`), number).toEqual([]);
  });

  it('refuses numbers a double cannot hold, with the field path, the text and what it would become', () => {
    expect(inexactJsonNumbers('{"readings": [{"value": "1"}, {"meterId": "m", "value": 12345678901234567.89}]}')).toEqual([
      { field: 'readings.1.value', text: '12345678901234567.89', parsed: 12345678901234568 },
    ]);
    expect(inexactJsonNumbers('[9007199254740993, 1e309, -1e309, 1e-400, 0.1000000000000000000000001]')).toEqual([
      { field: '0', text: '9007199254740993', parsed: 9007199254740992 },
      { field: '1', text: '1e309', parsed: Infinity },
      { field: '2', text: '-1e309', parsed: -Infinity },
      { field: '3', text: '1e-400', parsed: 0 },
      { field: '4', text: '0.1000000000000000000000001', parsed: 0.1 },
    ]);
    expect(fieldsOf('123456789012345678901234567890')).toEqual(['(body)']);
  });

  it('follows keys and indexes through nesting, strings holding brackets, commas and escaped quotes', () => {
    const json = `{"a\\",[{": [1, {"b": [0.5, "x,]}", 9007199254740993]}], "c": {"d": 1e400}, "e\\u0041": [[], [2, 18446744073709551616]]}`;
    expect(fieldsOf(json)).toEqual(['a",[{.1.b.2', 'c.d', 'eA.1.1']);
  });

  it('scans a deeply nested body without recursion', () => {
    const depth = 200_000;
    expect(fieldsOf(`${'['.repeat(depth)}1e999${']'.repeat(depth)}`)).toEqual([Array.from({ length: depth }, () => '0').join('.')]);
  });
});
