import { describe, expect, it } from 'vitest';
import { isEnglishKey, keyNamesSource, normaliseKeyName, readKeyRole } from '../../../src/memory-bank/key-roles.js';

describe('key roles', () => {
  it('reads a key in any letter case and separator: camelCase, snake_case, kebab-case, spaced', () => {
    expect(['dueDate', 'due_date', 'Due-Date', 'Due Date', 'DUE_DATE'].map(normaliseKeyName)).toEqual(Array(5).fill('due date'));
    expect(normaliseKeyName('isDone')).toBe('is done');
    expect(normaliseKeyName('percent_done2')).toBe('percent done2');
  });

  it('gives the role of a key written in English data formats or in the words bold fields use in other languages', () => {
    const roles = Object.fromEntries(
      ['status', 'Current Status', 'état', 'estado', 'ステータス', 'priorité', '优先级', 'titre', 'タイトル', 'taskName', 'dueDate', 'fecha límite', 'échéance', 'assignedTo', 'responsable', 'createdAt', 'tags', 'percent_done'].map((key) => [
        key,
        readKeyRole(key),
      ]),
    );
    expect(roles).toEqual({
      status: 'status',
      'Current Status': 'status',
      état: 'status',
      estado: 'status',
      ステータス: 'status',
      priorité: 'priority',
      优先级: 'priority',
      titre: 'title',
      タイトル: 'title',
      taskName: 'title',
      dueDate: 'due',
      'fecha límite': 'due',
      échéance: 'due',
      assignedTo: 'owner',
      responsable: 'owner',
      createdAt: 'created',
      tags: 'tags',
      percent_done: 'percent',
    });
  });

  it('reads the keys naming a parent by its id however they are written', () => {
    expect(['parent', 'parent_id', 'parentId', 'parentid', 'parent_task_id', 'parentTaskId', 'Parent Task', 'parentKey'].map(readKeyRole)).toEqual(Array(8).fill('parent'));
    expect(readKeyRole('parents_guide')).toBeUndefined();
  });

  it('leaves out keys that say something else as data: a summary, an outcome, a result, a done flag, a description', () => {
    expect(['summary', 'outcome', 'result', 'finished', 'description', 'notes', 'isDone'].map(readKeyRole)).toEqual(Array(7).fill(undefined));
  });

  it('tells English keys from words of other languages', () => {
    expect(['status', 'Current_Status', 'dueDate', 'state'].map(isEnglishKey)).toEqual([true, true, true, true]);
    expect(['état', 'estado', 'ステータス', 'zustand'].map(isEnglishKey)).toEqual([false, false, false, false]);
  });

  it('finds a key name in text however its words are joined', () => {
    const pattern = new RegExp(`^(?:${keyNamesSource(['current status', 'due date'])})$`, 'iu');
    expect(['current_status', 'currentStatus', 'Current Status', 'current-status', 'due.date', 'DueDate'].every((key) => pattern.test(key))).toBe(true);
    expect(pattern.test('current  status')).toBe(false);
  });
});
