// ECharts for the leaders' dashboard, trimmed to what it draws: bar and line charts and the
// region map (SVG, ARIA text, no tooltip). Imported lazily by the dashboard only.
import * as echarts from 'echarts/core'
import { BarChart, LineChart, MapChart } from 'echarts/charts'
import { GridComponent, AriaComponent, VisualMapComponent } from 'echarts/components'
import { SVGRenderer } from 'echarts/renderers'

echarts.use([BarChart, LineChart, MapChart, GridComponent, AriaComponent, VisualMapComponent, SVGRenderer])

export default echarts
