/**
 * Several recurrent layers over one sentence on one time cursor, each drawn as its unrolled chain
 * and the live cell diagram of the current token: two stacked LSTMs (chapter 8), a forward and a
 * backward LSTM with their concatenation (13), or a GRU in both reset placements (10). Chapters
 * write `<CellLanes preset="stacked" storageKey="ch08-lanes" />`.
 */
import { useEffect, useMemo, useState } from 'react';
import { type StringKey, useLocale, useT } from '../../book/i18n';
import { beltOf } from '../../engine/cellTrace';
import { tokenizeSentence } from '../../engine/tokenVectors';
import { type CellLanesSettings, type CellLanesState, CellLanesStore, LANES_MAX_SENTENCE, cellLanesLink } from '../../state/cellLanesStore';
import { LinkNotes, type StoreLink, useStoreLink, useStoreLinks } from '../../state/storeLinks';
import { GateTable } from '../../viz/GateTable';
import { num } from '../../viz/format';
import { UnrolledDiagram } from '../../viz/UnrolledDiagram';
import { cellName, gatesOf } from '../explorer/gateInfo';
import { Button, Controls, Slider, TextField, WidgetShell } from '../shell';
import { type Lane, type LanePreset, LANE_PRESETS, buildLanes, stepAt } from './cellLanes';
import { chainSeries } from './chainSeries';
import { exampleSentences } from './exampleSentences';
import { LiveCell } from './LiveCell';
// The chain (UnrolledDiagram) and time bar are styled with the explorer's.
import '../explorer/explorer.css';

const COLUMN_WIDTH = 48;
const TICK_MS = 700;
const MAX_TOKENS = 16;

interface CellLanesProps {
  preset?: LanePreset;
  storageKey?: string;
  sentence?: string;
}

function LaneView({ lane, tokens, time, widgetId }: { lane: Lane; tokens: string[]; time: number; widgetId: string }) {
  const t = useT();
  const setBias = CellLanesStore.useStore((s) => s.setBias);
  const setTime = CellLanesStore.useStore((s) => s.setTime);
  const { trace, shape } = lane;
  const gates = useMemo(() => gatesOf(shape.kind, t), [shape.kind, t]);
  // The chain is drawn in token order, so a backward lane's steps are read from the end.
  const { values, heat, highway } = useMemo(() => chainSeries(trace, tokens.length, (k) => stepAt(lane, k)), [tokens, trace, lane]);
  const title = t(`cell.lanes.lane.${lane.id}` as StringKey);
  const name = cellName(shape.kind, shape.resetAfter, t);
  const step = stepAt(lane, time);
  const state = shape.kind === 'lstm' ? 'c' : 'h';
  const now = trace.steps[step];
  const stateNow = now ? Array.from(beltOf(now), (v) => num(v, 3)).join(', ') : '';
  const onBiasChange = useMemo(() => (index: number, value: number) => setBias(lane.id, lane.params.bias, index, value), [setBias, lane]);
  return (
    <section className="cell-lane" data-lane={lane.id} aria-label={title}>
      <h3 className="explorer-panel-title">{title}</h3>
      {/* The unrolled strip is usually wider than the column and holds nothing focusable, so it takes
          focus itself: arrow keys scroll it (axe: scrollable-region-focusable). */}
      <div className="explorer-scroll" tabIndex={0} role="group" aria-label={t('chapter.scrollRegion')}>
        <UnrolledDiagram
          tokens={tokens}
          gates={gates}
          values={values}
          units={shape.units}
          time={time}
          columnWidth={COLUMN_WIDTH}
          heat={heat}
          highway={highway}
          reverse={lane.backward}
          onSelectTime={setTime}
          label={t('explorer.chainLabel', { cell: title, steps: tokens.length, step: time + 1, token: tokens[time] ?? '', state, values: stateNow })}
        />
      </div>
      <LiveCell
        id={`${widgetId}-${lane.id}`}
        kind={shape.kind}
        resetAfter={shape.resetAfter}
        units={shape.units}
        inputDim={shape.inputDim}
        step={trace.steps[step]}
        time={step}
        token={tokens[time] ?? ''}
        cellName={name}
        bias={lane.params.bias}
        onBiasChange={onBiasChange}
      />
    </section>
  );
}

function Concatenation({ lanes, tokens, time }: { lanes: Lane[]; tokens: string[]; time: number }) {
  const t = useT();
  const [forward, backward] = lanes;
  const last = tokens.length - 1;
  const table = (token: number, backwardToken: number) => {
    const f = forward.trace.steps[stepAt(forward, token)].h;
    const b = backward.trace.steps[stepAt(backward, backwardToken)].h;
    return [
      { header: t('cell.lanes.forwardState', { step: stepAt(forward, token) + 1 }), values: Array.from(f) },
      { header: t('cell.lanes.backwardState', { step: stepAt(backward, backwardToken) + 1 }), values: Array.from(b) },
      { header: t('cell.lanes.concat'), values: [...f, ...b] },
    ];
  };
  const columns = Array.from({ length: forward.shape.units * 2 }, (_, k) => String(k));
  return (
    <div className="cell-lanes-concat" data-testid="concat" tabIndex={0}>
      <GateTable caption={t('cell.lanes.concatCaption', { token: tokens[time] ?? '' })} corner="" columns={columns} rows={table(time, time)} />
      <GateTable caption={t('cell.lanes.finalCaption')} corner="" columns={columns} rows={table(last, 0)} />
    </div>
  );
}

function CellLanesView({ preset, id, link }: { preset: LanePreset; id: string; link: StoreLink<CellLanesState, CellLanesSettings> }) {
  const t = useT();
  const shellLink = useStoreLink(CellLanesStore.useStoreApi(), link);
  const sentence = CellLanesStore.useStore((s) => s.sentence);
  const storedTime = CellLanesStore.useStore((s) => s.time);
  const bias = CellLanesStore.useStore((s) => s.bias);
  const playing = CellLanesStore.useStore((s) => s.playing);
  const { setSentence, setTime, setPlaying, reset } = CellLanesStore.useStore((s) => s);
  const tokens = useMemo(() => tokenizeSentence(sentence, MAX_TOKENS).tokens, [sentence]);
  const lanes = useMemo(() => (tokens.length > 0 ? buildLanes(preset, tokens, bias) : []), [preset, tokens, bias]);
  const last = Math.max(0, tokens.length - 1);
  const time = Math.min(storedTime, last);

  useEffect(() => {
    if (!playing) return;
    if (time >= last) {
      setPlaying(false);
      return;
    }
    const timer = setTimeout(() => setTime(time + 1), TICK_MS);
    return () => clearTimeout(timer);
  }, [playing, time, last, setTime, setPlaying]);

  const format = (step: number) => t('explorer.timeValue', { step: step + 1, steps: tokens.length, token: tokens[step] ?? '' });
  return (
    <WidgetShell title={t(`cell.lanes.title.${preset}`)} description={t(`cell.lanes.description.${preset}`)} widget="CellLanes" id={id} onReset={reset} link={shellLink}>
      <div className="cell-lanes" data-preset={preset}>
        <Controls>
          <TextField label={t('cell.lanes.sentence')} value={sentence} maxLength={LANES_MAX_SENTENCE} wide onChange={setSentence} />
        </Controls>
        {tokens.length === 0 ? (
          <p role="alert" className="widget-problem">
            {t('cell.lanes.empty')}
          </p>
        ) : (
          <>
            <div className="explorer-timebar">
              <Button
                onClick={() => {
                  if (!playing && time >= last) setTime(0);
                  setPlaying(!playing);
                }}
                aria-pressed={playing}
                disabled={tokens.length < 2}
              >
                {playing ? t('explorer.pause') : t('explorer.play')}
              </Button>
              <Button onClick={() => setTime(time - 1)} disabled={time <= 0}>
                {t('explorer.stepBack')}
              </Button>
              <Button onClick={() => setTime(Math.min(last, time + 1))} disabled={time >= last}>
                {t('explorer.stepForward')}
              </Button>
              <Slider label={t('explorer.time')} min={0} max={last} value={time} onChange={setTime} format={format} disabled={tokens.length < 2} />
              <span className="visually-hidden" aria-live="polite" data-time={time}>
                {format(time)}
              </span>
            </div>
            <div className={preset === 'stacked' ? 'cell-lanes-grid cell-lanes-stacked' : 'cell-lanes-grid'}>
              {(preset === 'stacked' ? [...lanes].reverse() : lanes).map((lane) => (
                <LaneView key={lane.id} lane={lane} tokens={tokens} time={time} widgetId={id} />
              ))}
            </div>
            {preset === 'bidirectional' && <Concatenation lanes={lanes} tokens={tokens} time={time} />}
          </>
        )}
      </div>
    </WidgetShell>
  );
}

export default function CellLanes({ preset = 'stacked', storageKey, sentence }: CellLanesProps) {
  const chosen: LanePreset = (LANE_PRESETS as readonly string[]).includes(preset) ? preset : 'stacked';
  const id = `cell-lanes-${storageKey ?? chosen}`;
  const start = typeof sentence === 'string' ? sentence : exampleSentences(useLocale()).lanes[chosen];
  // The widget's id is its link parameter; a link wins over the saved copy.
  const [link] = useState(() => cellLanesLink(id, start));
  const { start: linked, notes } = useStoreLinks([link]);
  return (
    <LinkNotes notes={notes}>
      <CellLanesStore.Provider storageKey={storageKey ?? `cell-lanes-${chosen}`} init={{ sentence: start, linked }}>
        <CellLanesView preset={chosen} id={id} link={link} />
      </CellLanesStore.Provider>
    </LinkNotes>
  );
}
