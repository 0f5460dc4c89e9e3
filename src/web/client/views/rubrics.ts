import type { Rubric } from '../../../contracts/rubric-schema.js';
import type { RubricCatalog } from '../../../contracts/http-schemas.js';
import { api, errorMessage } from '../api.js';
import type { AppContext, Cleanup, Route } from '../context.js';
import { h, uniqueId } from '../dom.js';

/** `#/rubrics/<id>`: the address of a rubric's page, from feedback cards and the type list. */
export const rubricHref = (id: string): string => `#/rubrics/${encodeURIComponent(id)}`;

const weightText = (weight: number): string => `weight ${Number.isInteger(weight) ? weight : weight.toFixed(1)}`;

function typeList(catalog: RubricCatalog): HTMLElement {
  const titles = new Map(catalog.rubrics.map((rubric) => [rubric.id, rubric.title]));
  return h(
    'ul',
    { class: 'type-list' },
    catalog.types.map((type) => {
      const headingId = uniqueId('type');
      return h(
        'li',
        { class: 'panel type-card', dataset: { type: type.id }, attrs: { 'aria-labelledby': headingId } },
        h('h2', { attrs: { id: headingId } }, type.label),
        h('p', null, type.description),
        h('p', { class: 'type-examples-label' }, 'For example'),
        h('ul', { class: 'type-examples' }, type.examples.map((example) => h('li', null, example))),
        h(
          'a',
          { class: 'btn btn-ghost btn-small', attrs: { href: rubricHref(type.rubric) } },
          `${titles.get(type.rubric) ?? type.rubric} rubric`,
          h('span', { class: 'visually-hidden' }, ` for ${type.label} questions`),
        ),
      );
    }),
  );
}

function rubricDetail(rubric: Rubric, catalog: RubricCatalog): HTMLElement {
  const usedFor = catalog.types.filter((type) => type.rubric === rubric.id).map((type) => type.label);
  return h(
    'article',
    { class: 'rubric', dataset: { rubric: rubric.id } },
    h('p', { class: 'rubric-meta' }, `Version ${rubric.version}${usedFor.length > 0 ? ` · for ${usedFor.join(', ')} questions` : ''}`),
    rubric.summary ? h('p', { class: 'lead' }, rubric.summary) : null,
    h(
      'p',
      { class: 'hint' },
      'Each dimension is scored from 1 to 5; every level has a description of what an answer at that level does. The overall score is the weighted mean.',
    ),
    rubric.dimensions.map((dimension) => {
      const headingId = uniqueId('dimension');
      return h(
        'section',
        { class: 'panel rubric-dimension', dataset: { key: dimension.key }, attrs: { 'aria-labelledby': headingId } },
        h('h2', { attrs: { id: headingId } }, dimension.label, h('span', { class: 'chip chip-quiet rubric-weight' }, weightText(dimension.weight))),
        h('p', null, dimension.description),
        h(
          'ol',
          { class: 'rubric-levels', attrs: { reversed: true, 'aria-label': `${dimension.label}: levels from 5 down to 1` } },
          [...dimension.levels].reverse().map((level, index) =>
            h('li', { class: 'rubric-level' }, h('span', { class: 'rubric-score', attrs: { 'aria-hidden': 'true' } }, String(5 - index)), h('span', null, level)),
          ),
        ),
      );
    }),
    rubric.basis && rubric.basis.length > 0
      ? h(
          'section',
          { class: 'panel rubric-basis' },
          h('h2', null, 'Where these criteria come from'),
          h('ul', null, rubric.basis.map((line) => h('li', null, line))),
        )
      : null,
  );
}

/**
 * How answers are scored: the question types and their rubrics (`#/rubrics`), and one rubric with every
 * anchored level (`#/rubrics/<id>`), linked from each feedback card.
 */
export function rubricsView(_ctx: AppContext, root: HTMLElement, route: Route): Cleanup {
  let disposed = false;
  const [, id] = route.segments;
  const heading = h('h1', { attrs: { tabindex: '-1' } }, 'How answers are scored');
  const body = h('div', null, h('p', { class: 'hint' }, 'Loading the rubrics…'));
  const page = h('div', { class: 'page-narrow rubrics-page' }, heading, body);
  root.append(page);

  api
    .rubricsCached()
    .then((catalog) => {
      if (disposed) return;
      if (id === undefined) {
        body.replaceChildren(
          h(
            'p',
            { class: 'lead' },
            'Each question asks for a kind of answer, and each kind is scored with its own rubric: a story with STAR, an opinion by its position, reasons, example and limits, and so on.',
          ),
          typeList(catalog),
        );
        return;
      }
      const rubric = catalog.rubrics.find((candidate) => candidate.id === id);
      if (!rubric) {
        heading.textContent = 'Rubric not found';
        body.replaceChildren(h('p', null, 'There is no rubric with this name.'), h('a', { attrs: { href: '#/rubrics' } }, 'See all rubrics'));
        return;
      }
      heading.textContent = `${rubric.title} rubric`;
      document.title = `${rubric.title} rubric · Interview coach`;
      body.replaceChildren(h('nav', { class: 'back-link', attrs: { 'aria-label': 'Rubrics' } }, h('a', { attrs: { href: '#/rubrics' } }, '← All question types')), rubricDetail(rubric, catalog));
    })
    .catch((error: unknown) => {
      if (!disposed) body.replaceChildren(h('p', { class: 'form-error' }, `Could not load the rubrics: ${errorMessage(error)}`));
    });

  return () => {
    disposed = true;
  };
}
