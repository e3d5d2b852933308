// ECharts, trimmed to what the screens draw (labelled bar charts with ARIA text; no
// tooltip, which alone would add ~120 kB). Imported only with `await import('./charts.js')`,
// so it stays out of every screen's first load.
import * as echarts from 'echarts/core'
import { BarChart } from 'echarts/charts'
import { GridComponent, AriaComponent } from 'echarts/components'
import { SVGRenderer } from 'echarts/renderers'

echarts.use([BarChart, GridComponent, AriaComponent, SVGRenderer])

export default echarts
