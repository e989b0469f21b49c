/**
 * The sanitizer's allow-lists (policy in README.md). HTML elements and attributes follow feedparser's
 * "acceptable" lists (the corpus's sanitize-keep kind checks them), minus `form`; SVG and MathML are
 * presentation-only subsets.
 */
const words = (list: string) => list.split(/\s+/).filter(Boolean);

export const ALLOWED_TAGS = words(
  'a abbr acronym address area article aside audio b bdi bdo big blockquote br button canvas ' +
    'caption center cite code col colgroup command data datagrid datalist dd del details dfn dialog ' +
    'dir div dl dt em event-source fieldset figcaption figure font footer h1 h2 h3 h4 h5 h6 header ' +
    'hgroup hr i img input ins kbd keygen label legend li m main map mark menu meter multicol nav ' +
    'nextid noscript ol optgroup option output p picture pre progress q rp rt ruby s samp section ' +
    'select small sound source spacer span strike strong sub summary sup table tbody td textarea ' +
    'tfoot th thead time tr track tt u ul var video wbr',
);

export const ALLOWED_ATTRIBUTES = words(
  'abbr accept accept-charset accesskey action align alt autocomplete autofocus autoplay axis ' +
    'background balance bgcolor bgproperties border bordercolor bordercolordark bordercolorlight ' +
    'bottompadding cellpadding cellspacing ch challenge char charoff charset checked choff cite class ' +
    'clear color cols colspan compact contenteditable controls coords data datafld datapagesize ' +
    'datasrc datetime default delay dir disabled draggable dynsrc enctype end face for form frame ' +
    'galleryimg gutter headers height hidden hidefocus high href hreflang hspace icon id inputmode ' +
    'ismap keytype kind label lang leftspacing list longdesc loop loopcount loopend loopstart low ' +
    'lowsrc max maxlength media method min multiple muted name nohref noshade nowrap open optimum ' +
    'pattern ping point-size poster pqg preload prompt radiogroup readonly rel repeat-max repeat-min ' +
    'replace required rev rightspacing rows rowspan rules scope selected shape size sizes span src ' +
    'srclang srcset start step style summary suppress tabindex target template title toppadding type ' +
    'unselectable urn usemap valign value variable volume vrml vspace width wrap xml:lang',
);

/** Attributes holding a URL: resolved against the entry's base, then scheme-checked by sanitize-html. */
export const URL_ATTRIBUTES = words('href src cite action poster background longdesc usemap dynsrc lowsrc');

export const CSS_PROPERTIES = words(
  'background-color border-bottom-color border-collapse border-color border-left-color ' +
    'border-right-color border-top-color clear color direction float font font-family font-size ' +
    'font-style font-variant font-weight height letter-spacing line-height text-align text-decoration ' +
    'text-indent unicode-bidi vertical-align white-space width margin margin-top margin-bottom ' +
    'margin-left margin-right padding padding-top padding-bottom padding-left padding-right border ' +
    'border-width border-style',
);

/** Inline SVG: shapes, text and gradients. No script, foreignObject, animate/set, use or image. */
export const SVG_TAGS = words(
  'svg g defs desc title circle ellipse line path polygon polyline rect text tspan textpath ' +
    'lineargradient radialgradient stop symbol marker clippath mask pattern metadata',
);

export const SVG_ATTRIBUTES = words(
  'baseprofile version width height viewbox preserveaspectratio x y x1 y1 x2 y2 cx cy r rx ry d ' +
    'points fill fill-opacity fill-rule stroke stroke-width stroke-linecap stroke-linejoin ' +
    'stroke-opacity stroke-dasharray stroke-miterlimit opacity transform font-family font-size ' +
    'font-weight font-style text-anchor offset stop-color stop-opacity gradientunits ' +
    'gradienttransform dx dy rotate textlength clip-path clip-rule mask marker-start marker-mid ' +
    'marker-end xmlns xmlns:xlink xlink:href xlink:show xlink:type xlink:title xlink:role',
);

/** Presentation MathML. No maction (its actions are a script vector) and no annotation-xml. */
export const MATH_TAGS = words(
  'math mi mn mo ms mtext mspace mrow mfrac msqrt mroot msub msup msubsup munder mover munderover ' +
    'mtable mtr mtd mstyle merror mpadded mphantom menclose mfenced semantics annotation mlabeledtr ' +
    'mmultiscripts mprescripts none',
);

export const MATH_ATTRIBUTES = words(
  'display mathvariant mathsize mathcolor mathbackground displaystyle scriptlevel fence separator ' +
    'separators stretchy symmetric largeop movablelimits accent accentunder lspace rspace ' +
    'linethickness columnalign rowalign columnspan rowspan columnlines rowlines frame open close ' +
    'notation encoding depth width height xmlns xmlns:xlink xlink:href xlink:show xlink:type',
);

/** Empty SVG shapes that authors write as `<circle/>`; see `selfClosingVariant`. */
export const SVG_EMPTY = words('circle ellipse line path polygon polyline rect stop');
