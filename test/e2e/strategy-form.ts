import type { AppPage } from './app-page';

/** Strategy form: name, horizon, capital rows and spot prices, as a user types them. */
export async function fillStrategy(
  app: AppPage,
  input: {
    name: string;
    horizonDays: number;
    capital: { asset: string; amount: string }[];
    prices: Record<string, string>;
  },
): Promise<void> {
  const form = app.inspector;
  await form.getByLabel("Strategy name (also the draft's title)").fill(input.name);
  await form.getByLabel('Horizon (days, 1–3650)').fill(String(input.horizonDays));
  for (const [i, entry] of input.capital.entries()) {
    if (i > 0) await form.getByRole('button', { name: '+ Add capital' }).click();
    await form.getByLabel(`Capital asset ${i + 1}`, { exact: true }).fill(entry.asset);
    await form.getByLabel(`Capital amount ${i + 1}`).fill(entry.amount);
  }
  for (const [asset, price] of Object.entries(input.prices)) {
    const box = form.getByRole('textbox', { name: new RegExp(`^Price of ${asset}`) });
    if ((await box.count()) === 0) {
      await form.getByLabel('Add a price for').fill(asset);
      await form.getByRole('button', { name: 'Add price', exact: true }).click();
    }
    await box.fill(price);
  }
  // the blank strategy's USDC price, when the example has none
  if (!('USDC' in input.prices)) {
    await form.getByRole('button', { name: 'Remove price of USDC' }).click();
  }
}
