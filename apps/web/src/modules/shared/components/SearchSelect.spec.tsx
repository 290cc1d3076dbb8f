import { useState } from 'react';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MAX_SEARCH_LENGTH } from '@partner-hub/domain';
import { SearchSelect } from './SearchSelect';

type Fruit = { id: string; name: string };
const FRUIT: Fruit[] = [
  { id: 'apple', name: 'Apple' },
  { id: 'banana', name: 'Banana' },
  { id: 'cherry', name: 'Cherry' },
];

/** A picker over FRUIT; the "server" answers the last search the picker asked for. */
function FruitPicker({ initial = null, chosen }: { initial?: string | null; chosen?: Fruit }) {
  const [search, setSearch] = useState('');
  const [value, setValue] = useState<string | null>(initial);
  const items = FRUIT.filter((fruit) => fruit.name.toLowerCase().includes(search.toLowerCase()));
  return (
    <>
      <SearchSelect
        aria-label="Fruit"
        value={value}
        onChange={(fruit) => setValue(fruit?.id ?? null)}
        onSearch={setSearch}
        items={items}
        idOf={(fruit) => fruit.id}
        labelOf={(fruit) => fruit.name}
        chosen={chosen}
        loading={false}
        messages={{ error: 'Could not load fruit.', empty: 'No fruit matches.' }}
      />
      <p>asked for “{search}”</p>
      <p>chosen: {value ?? 'none'}</p>
      <button type="button" onClick={() => setSearch('cherry')}>
        Search cherries elsewhere
      </button>
    </>
  );
}

const selectionShown = () => document.querySelector('.ant-select-content')?.getAttribute('title');

describe('SearchSelect', () => {
  it('asks for the trimmed search once typing pauses', async () => {
    render(<FruitPicker />);
    fireEvent.change(screen.getByRole('combobox', { name: 'Fruit' }), { target: { value: '  ban ' } });
    expect(await screen.findByText('asked for “ban”')).toBeTruthy();
    expect(await screen.findByTitle('Banana')).toBeTruthy();
    expect(screen.queryByTitle('Apple')).toBeNull();
  });

  it('takes at most the search length the API accepts', async () => {
    render(<FruitPicker />);
    const input = screen.getByRole<HTMLInputElement>('combobox', { name: 'Fruit' });
    fireEvent.change(input, { target: { value: 'x'.repeat(MAX_SEARCH_LENGTH + 50) } });
    expect(await screen.findByText(`asked for “${'x'.repeat(MAX_SEARCH_LENGTH)}”`)).toBeTruthy();
    expect(input.value).toHaveLength(MAX_SEARCH_LENGTH);
  });

  it('shows the chosen item the matches do not list', () => {
    render(<FruitPicker initial="kiwi" chosen={{ id: 'kiwi', name: 'Kiwi' }} />);
    expect(selectionShown()).toBe('Kiwi');
  });

  it('keeps the picked item labelled after a later search no longer lists it', async () => {
    render(<FruitPicker />);
    fireEvent.mouseDown(screen.getByRole('combobox', { name: 'Fruit' }));
    fireEvent.click(await screen.findByTitle('Apple'));
    expect(screen.getByText('chosen: apple')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Search cherries elsewhere' }));
    await waitFor(() => expect(screen.getByText('asked for “cherry”')).toBeTruthy());
    expect(selectionShown()).toBe('Apple');
  });
});
