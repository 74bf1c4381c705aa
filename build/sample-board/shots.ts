// The sample board's shots: what each frame shows and its caption. Planted problems a real CLIP
// model catches: two frames that contradict their captions, one in another style, one in another
// palette, and one caption over CLIP's 77 tokens.
import { Sketch } from './sketch.ts';

export interface SampleShot {
  scene: string;
  file: string;
  shot: string;
  caption: string;
  lens: string;
  draw: (s: Sketch) => string;
  planted?: string;
}

const W = 1280;
const H = 720;

function dunes(s: Sketch, horizon = 430): void {
  s.polyline([
    [0, horizon],
    [220, horizon - 60],
    [470, horizon - 10],
    [760, horizon - 80],
    [1010, horizon - 20],
    [W, horizon - 50],
  ]);
  s.polyline([
    [0, 600],
    [300, 540],
    [640, 610],
    [980, 530],
    [W, 590],
  ]);
  for (let i = 0; i < 7; i++) s.line(120 + i * 160, 650 + (i % 2) * 20, 220 + i * 160, 640 + (i % 2) * 20, '#7a7a7a', 2);
}

function sun(s: Sketch, x: number, y: number, r = 70): void {
  s.circle(x, y, r);
  for (let a = 0; a < 12; a++) {
    const t = (a / 12) * Math.PI * 2;
    s.line(x + Math.cos(t) * (r + 18), y + Math.sin(t) * (r + 18), x + Math.cos(t) * (r + 48), y + Math.sin(t) * (r + 48), '#555', 3);
  }
}

function rider(s: Sketch, x: number, y: number, scale = 1): void {
  const k = (v: number) => v * scale;
  // horse body, legs, neck and head; rider torso and head
  s.rect(x, y, k(160), k(60));
  for (const lx of [10, 40, 120, 150]) s.line(x + k(lx), y + k(60), x + k(lx), y + k(130));
  s.line(x + k(160), y + k(10), x + k(210), y - k(50));
  s.circle(x + k(222), y - k(62), k(22));
  s.line(x + k(70), y, x + k(75), y - k(80));
  s.circle(x + k(77), y - k(105), k(22));
  s.line(x + k(75), y - k(60), x + k(130), y - k(30));
}

function kitchen(s: Sketch): void {
  s.line(0, 520, W, 520);
  s.rect(360, 400, 560, 40);
  s.line(400, 440, 400, 650);
  s.line(880, 440, 880, 650);
  s.line(640, 0, 640, 150);
  s.polyline([
    [560, 210],
    [640, 150],
    [720, 210],
    [560, 210],
  ]);
  s.rect(980, 120, 220, 200);
  s.line(1090, 120, 1090, 320);
  s.hatch(980, 120, 220, 200, 26);
}

function cactus(s: Sketch): void {
  s.rect(600, 260, 80, 380);
  s.polyline([
    [600, 400],
    [520, 400],
    [520, 300],
  ]);
  s.polyline([
    [680, 360],
    [760, 360],
    [760, 250],
  ]);
  sun(s, 1050, 150, 60);
  s.line(0, 640, W, 640);
}

function skyline(s: Sketch): void {
  const heights = [320, 460, 260, 540, 380, 300, 500, 350];
  heights.forEach((h, i) => {
    const x = 60 + i * 150;
    s.rect(x, 680 - h, 120, h);
    for (let wy = 700 - h; wy < 650; wy += 60) for (let wx = x + 20; wx < x + 100; wx += 40) s.rect(wx, wy, 18, 26, '#555', 2);
  });
}

export const SHOTS: SampleShot[] = [
  {
    scene: 'Scene 1 - Desert',
    file: 'scene-1-desert/shot01.png',
    shot: '1',
    lens: '24mm',
    caption: 'Wide shot of a lone rider crossing the sand dunes at dawn, the sun low on the horizon.',
    draw: (s) => {
      dunes(s);
      sun(s, 980, 330);
      rider(s, 420, 380, 0.45);
      return s.svg();
    },
  },
  {
    scene: 'Scene 1 - Desert',
    file: 'scene-1-desert/shot02.png',
    shot: '2',
    lens: '35mm',
    caption: 'A rider on horseback climbs a dune, wind blowing sand off the crest.',
    draw: (s) => {
      dunes(s, 520);
      rider(s, 430, 330, 1.1);
      for (let i = 0; i < 6; i++) s.line(900 + i * 30, 260 + i * 12, 1100 + i * 30, 240 + i * 12, '#888', 2);
      return s.svg();
    },
  },
  {
    scene: 'Scene 1 - Desert',
    file: 'scene-1-desert/shot03.png',
    shot: '3',
    lens: '85mm',
    caption: "Close-up of the rider's face wrapped in a scarf, eyes squinting against the sun.",
    draw: (s) => {
      s.circle(640, 360, 230);
      s.hatch(420, 380, 440, 200, 18);
      s.line(540, 320, 600, 325);
      s.line(680, 325, 740, 320);
      s.rect(410, 390, 460, 90);
      return s.svg();
    },
  },
  {
    scene: 'Scene 1 - Desert',
    file: 'scene-1-desert/shot04.png',
    shot: '4',
    lens: '100mm',
    caption: 'Close-up of a hand lifting a metal canteen to drink.',
    draw: (s) => {
      s.circle(640, 380, 170);
      s.rect(610, 160, 60, 60);
      s.hatch(520, 300, 240, 200, 20);
      s.polyline([
        [300, 650],
        [420, 520],
        [520, 470],
      ]);
      s.polyline([
        [360, 700],
        [480, 560],
        [560, 520],
      ]);
      return s.svg();
    },
  },
  {
    scene: 'Scene 1 - Desert',
    file: 'scene-1-desert/shot05.png',
    shot: '5',
    lens: '35mm',
    planted: 'content contradicts the caption',
    caption: "The rider's horse drinks from a small oasis pool under palm trees.",
    draw: (s) => {
      skyline(s);
      return s.svg();
    },
  },
  {
    scene: 'Scene 1 - Desert',
    file: 'scene-1-desert/shot06.png',
    shot: '6',
    lens: '24mm',
    planted: 'different style (flat saturated cartoon)',
    caption: 'The rider reaches the top of the dune and looks out over the valley.',
    draw: (s) => {
      s.fill(
        '<rect width="100%" height="100%" fill="#29b6f6"/><path d="M0,430 Q320,300 640,420 T1280,380 L1280,720 L0,720Z" fill="#ffb300" stroke="#000" stroke-width="14"/>',
      );
      s.fill(
        '<circle cx="1000" cy="160" r="90" fill="#ff3d00" stroke="#000" stroke-width="14"/><rect x="520" y="260" width="200" height="80" rx="30" fill="#8e24aa" stroke="#000" stroke-width="14"/>',
      );
      s.fill('<circle cx="610" cy="200" r="40" fill="#ffeb3b" stroke="#000" stroke-width="14"/>');
      return s.svg('#29b6f6');
    },
  },
  {
    scene: 'Scene 1 - Desert',
    file: 'scene-1-desert/shot07.png',
    shot: '7',
    lens: '18mm',
    caption: "Wide shot of the rider's long shadow stretching across the rippled sand.",
    draw: (s) => {
      dunes(s, 300);
      rider(s, 200, 300, 0.6);
      s.hatch(330, 420, 800, 60, 16);
      for (let i = 0; i < 9; i++)
        s.polyline(
          [
            [40, 520 + i * 22],
            [640, 505 + i * 22],
            [1240, 520 + i * 22],
          ],
          '#999',
          2,
        );
      return s.svg();
    },
  },
  {
    scene: 'Scene 1 - Desert',
    file: 'scene-1-desert/shot08.png',
    shot: '8',
    lens: '50mm',
    caption: 'The rider disappears over the dune ridge as the sun rises.',
    draw: (s) => {
      dunes(s, 470);
      sun(s, 640, 360, 90);
      rider(s, 700, 360, 0.35);
      return s.svg();
    },
  },
  {
    scene: 'Scene 2 - Kitchen',
    file: 'scene-2-kitchen/shot01.png',
    shot: '9',
    lens: '24mm',
    caption: 'Wide shot of a small kitchen at night, a single lamp hanging over the table.',
    draw: (s) => {
      kitchen(s);
      return s.svg();
    },
  },
  {
    scene: 'Scene 2 - Kitchen',
    file: 'scene-2-kitchen/shot02.png',
    shot: '10',
    lens: '35mm',
    caption: 'Maria stands at the counter slicing an onion on a wooden board.',
    draw: (s) => {
      s.line(0, 480, W, 480);
      s.circle(520, 180, 60);
      s.polyline([
        [520, 240],
        [520, 440],
      ]);
      s.polyline([
        [520, 300],
        [640, 420],
        [760, 430],
      ]);
      s.rect(620, 430, 300, 40);
      s.circle(700, 410, 30);
      return s.svg();
    },
  },
  {
    scene: 'Scene 2 - Kitchen',
    file: 'scene-2-kitchen/shot03.png',
    shot: '11',
    lens: '100mm',
    planted: 'content contradicts the caption',
    caption: 'Close-up of the knife glinting under the lamp.',
    draw: (s) => {
      cactus(s);
      return s.svg();
    },
  },
  {
    scene: 'Scene 2 - Kitchen',
    file: 'scene-2-kitchen/shot04.png',
    shot: '12',
    lens: '50mm',
    caption: 'A pot of soup steams on the stove.',
    draw: (s) => {
      s.rect(460, 380, 360, 200);
      s.line(420, 380, 860, 380);
      s.line(400, 600, 880, 600);
      for (let i = 0; i < 4; i++)
        s.polyline(
          [
            [540 + i * 60, 350],
            [520 + i * 60, 290],
            [560 + i * 60, 230],
            [540 + i * 60, 170],
          ],
          '#888',
          3,
        );
      return s.svg();
    },
  },
  {
    scene: 'Scene 2 - Kitchen',
    file: 'scene-2-kitchen/shot05.png',
    shot: '13',
    lens: '35mm',
    caption: 'Through the window, the moon over the rooftops.',
    draw: (s) => {
      s.rect(240, 100, 800, 520);
      s.line(640, 100, 640, 620);
      s.circle(820, 250, 60);
      s.polyline([
        [240, 520],
        [400, 440],
        [560, 520],
        [720, 430],
        [880, 510],
        [1040, 450],
      ]);
      s.hatch(240, 520, 800, 100, 20);
      return s.svg();
    },
  },
  {
    scene: 'Scene 2 - Kitchen',
    file: 'scene-2-kitchen/shot06.png',
    shot: '14',
    lens: '24mm',
    planted: 'different palette (red light)',
    caption: 'Maria sets two plates on the table.',
    draw: (s) => {
      kitchen(s);
      s.circle(520, 390, 40);
      s.circle(760, 390, 40);
      return s.svg('#f4f1ea', { color: '#c2185b', opacity: 0.55 });
    },
  },
  {
    scene: 'Scene 2 - Kitchen',
    file: 'scene-2-kitchen/shot07.png',
    shot: '15',
    lens: '50mm',
    planted: 'caption over 77 tokens',
    caption:
      'Maria sits down at the table across from the empty chair, pours two glasses of red wine from a dusty bottle, lifts one of them toward the chair as if someone were sitting there, holds it for a long moment while the lamp flickers above her, then sets it down again untouched, folds her hands, and stares at the door, waiting for footsteps that she knows are not going to come tonight or any other night this winter.',
    draw: (s) => {
      kitchen(s);
      s.circle(500, 330, 40);
      s.line(500, 370, 500, 440);
      return s.svg();
    },
  },
  {
    scene: 'Scene 2 - Kitchen',
    file: 'scene-2-kitchen/shot08.png',
    shot: '16',
    lens: '24mm',
    caption: 'The lamp is switched off and the kitchen goes dark.',
    draw: (s) => {
      kitchen(s);
      s.hatch(0, 0, W, H, 14, '#4a4a4a');
      return s.svg('#cfcac0');
    },
  },
];

export const SIZE = { width: W, height: H };
