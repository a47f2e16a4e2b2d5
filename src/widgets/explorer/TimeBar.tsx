/**
 * The time cursor: play/pause, single steps and a scrubber. Playing advances one token per tick
 * and stops at the end; under reduced motion the glyphs jump instead of gliding, but stepping
 * itself is the same, so nothing is lost.
 */
import { useEffect } from 'react';
import { useT } from '../../book/i18n';
import { useExplorer } from '../../state/explorerStore';
import { Button, Slider } from '../shell';

const TICK_MS = 700;

export function TimeBar() {
  const t = useT();
  const time = useExplorer((s) => s.config.time);
  const tokens = useExplorer((s) => s.tokens);
  const playing = useExplorer((s) => s.playing);
  const setPlaying = useExplorer((s) => s.setPlaying);
  const stepTime = useExplorer((s) => s.stepTime);
  const setTime = useExplorer((s) => s.setTime);
  const last = Math.max(0, tokens.length - 1);

  useEffect(() => {
    if (!playing) return;
    if (time >= last) {
      setPlaying(false);
      return;
    }
    const timer = setTimeout(() => stepTime(1), TICK_MS);
    return () => clearTimeout(timer);
  }, [playing, time, last, stepTime, setPlaying]);

  const togglePlay = () => {
    if (!playing && time >= last) setTime(0);
    setPlaying(!playing);
  };
  const format = (step: number) => t('explorer.timeValue', { step: step + 1, steps: tokens.length, token: tokens[step] ?? '' });

  return (
    <div className="explorer-timebar">
      <Button onClick={togglePlay} aria-pressed={playing} disabled={tokens.length < 2}>
        {playing ? t('explorer.pause') : t('explorer.play')}
      </Button>
      <Button onClick={() => stepTime(-1)} disabled={time <= 0}>
        {t('explorer.stepBack')}
      </Button>
      <Button onClick={() => stepTime(1)} disabled={time >= last}>
        {t('explorer.stepForward')}
      </Button>
      <Slider label={t('explorer.time')} min={0} max={last} value={time} onChange={setTime} format={format} disabled={tokens.length < 2} />
      <span className="visually-hidden" aria-live="polite" data-time={time}>
        {format(time)}
      </span>
    </div>
  );
}
