/** Rewriting a marked README section and comparing tables that Biome has padded. */
import { describe, expect, it } from 'vitest';
import { normalizeTable, readSection, writeSection } from './readme-sections.js';

const readme = 'intro\n<!-- t:start -->\nold\n<!-- t:end -->\noutro\n';

describe('README sections', () => {
  it('replaces only the text between the markers, and reads it back', () => {
    const written = writeSection(readme, 't', '| a | b |');
    expect(written).toBe('intro\n<!-- t:start -->\n| a | b |\n<!-- t:end -->\noutro\n');
    expect(readSection(written, 't')).toBe('| a | b |');
  });

  it('refuses a README without the markers', () => {
    expect(() => writeSection('no markers', 't', 'x')).toThrow('<!-- t:start -->');
  });

  it('compares tables without their padding, but not without their content', () => {
    const plain = '| key | API |\n| --: | --- |\n| 0 | Produce |';
    const padded = '| key | API     |\n| --: | ------- |\n|   0 | Produce |';
    expect(normalizeTable(padded)).toBe(normalizeTable(plain));
    expect(normalizeTable(padded.replace('Produce', 'Fetch  '))).not.toBe(normalizeTable(plain));
  });
});
