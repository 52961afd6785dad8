import { describe, expect, it } from 'vitest';
import type { Permission } from '@teilhabe/shared';
import { editsWholeDirectory, fourEyesViolation, isReviewDue, statusAfterEdit } from './directory.policy.js';

const actor = (...permissions: Permission[]) => ({ permissions: new Set<Permission>(permissions) });

describe('directory policy', () => {
  it('lets only the KI’s publishers edit every offer; others edit their own subtree', () => {
    expect(editsWholeDirectory(actor('directory.read', 'directory.write', 'directory.publish'))).toBe(true);
    expect(editsWholeDirectory(actor('directory.read', 'directory.write'))).toBe(false);
  });

  it('sends a published offer back to draft when a Kommune changes it, or anyone while four eyes are on', () => {
    expect(statusAfterEdit('published', actor('directory.write'), false)).toBe('draft');
    expect(statusAfterEdit('published', actor('directory.write', 'directory.publish'), false)).toBe('published');
    expect(statusAfterEdit('published', actor('directory.write', 'directory.publish'), true)).toBe('draft');
    expect(statusAfterEdit('draft', actor('directory.write'), true)).toBe('draft');
    expect(statusAfterEdit('archived', actor('directory.write'), false)).toBe('archived');
  });

  it('refuses a publication by the last editor when four eyes are on', () => {
    expect(fourEyesViolation({ fourEyes: true, actorId: 'a', lastEditorId: 'a', creatorId: 'b' })).toBe(true);
    expect(fourEyesViolation({ fourEyes: true, actorId: 'a', lastEditorId: 'b', creatorId: 'a' })).toBe(false);
    expect(fourEyesViolation({ fourEyes: true, actorId: 'a', lastEditorId: null, creatorId: 'a' })).toBe(true);
    expect(fourEyesViolation({ fourEyes: false, actorId: 'a', lastEditorId: 'a', creatorId: 'a' })).toBe(false);
  });

  it('asks for a review six months after the last one (or after creation)', () => {
    const now = new Date('2026-09-15T10:00:00Z');
    expect(isReviewDue(new Date('2026-03-14T10:00:00Z'), new Date('2025-01-01'), now)).toBe(true);
    expect(isReviewDue(new Date('2026-03-16T10:00:00Z'), new Date('2025-01-01'), now)).toBe(false);
    expect(isReviewDue(null, new Date('2026-01-01T00:00:00Z'), now)).toBe(true);
  });
});
