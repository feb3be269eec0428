<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>Composer</name>
    <message>
        <location filename="../../assist/ui/composer.py" line="135" />
        <source>Still to fill in: %1. Fill it in, or press Ctrl+Enter again to send it as it is.</source>
        <translation>还有待填写：%1。请填写，或再按一次 Ctrl+Enter 按原样发送。</translation>
    </message>
    <message>
        <location filename="../../assist/ui/composer.py" line="169" />
        <source>Typed by you</source>
        <translation>手动输入</translation>
    </message>
    <message>
        <location filename="../../assist/ui/composer.py" line="171" />
        <source>From draft %1 (%2)</source>
        <translation>来自草稿 %1（%2）</translation>
    </message>
    <message>
        <location filename="../../assist/ui/composer.py" line="175" />
        <source>unchanged</source>
        <translation>未修改</translation>
    </message>
    <message numerus="yes">
        <location filename="../../assist/ui/composer.py" line="178" />
        <source>edited %n character(s)</source>
        <translation>
            <numerusform>修改了 %n 个字符</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../assist/ui/composer.py" line="182" />
        <source>Write a reply, or insert a draft with Alt+1, Alt+2, Alt+3</source>
        <translation>输入回复，或用 Alt+1、Alt+2、Alt+3 插入草稿</translation>
    </message>
    <message>
        <location filename="../../assist/ui/composer.py" line="183" />
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <location filename="../../assist/ui/composer.py" line="184" />
        <source>Send the reply (Ctrl+Enter)</source>
        <translation>发送回复（Ctrl+Enter）</translation>
    </message>
    <message>
        <location filename="../../assist/ui/composer.py" line="185" />
        <source>Ctrl+Enter to send · Esc to clear</source>
        <translation>Ctrl+Enter 发送 · Esc 清空</translation>
    </message>
</context>
<context>
    <name>ConsoleColumns</name>
    <message>
        <location filename="../../assist/ui/console_common.py" line="45" />
        <source>period</source>
        <translation>时间范围</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="46" />
        <source>intent</source>
        <translation>意图</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="47" />
        <source>agent</source>
        <translation>客服</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="48" />
        <source>model version</source>
        <translation>模型版本</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="49" />
        <source>draft source</source>
        <translation>草稿来源</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="50" />
        <source>rank</source>
        <translation>排序位置</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="51" />
        <source>day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="52" />
        <source>drafts shown</source>
        <translation>展示草稿数</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="53" />
        <source>inserted</source>
        <translation>已插入</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="54" />
        <source>dismissed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="55" />
        <source>sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="56" />
        <source>sent as is</source>
        <translation>原样发送</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="57" />
        <source>sent, light edit</source>
        <translation>轻度修改后发送</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="58" />
        <source>sent, heavy edit</source>
        <translation>大幅修改后发送</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="59" />
        <source>sent, typed</source>
        <translation>自行输入发送</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="60" />
        <source>ignored</source>
        <translation>已忽略</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="61" />
        <source>acceptance rate</source>
        <translation>采纳率</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="62" />
        <source>predicted</source>
        <translation>预测意图</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="63" />
        <source>corrected to</source>
        <translation>纠正为</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="64" />
        <source>count</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="65" />
        <source>predictions</source>
        <translation>预测次数</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="66" />
        <source>mean confidence</source>
        <translation>平均置信度</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="67" />
        <source>low confidence</source>
        <translation>低置信度</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="68" />
        <source>corrected</source>
        <translation>被纠正</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="69" />
        <source>correction rate</source>
        <translation>纠正率</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="70" />
        <source>kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="71" />
        <source>n</source>
        <translation>样本数</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="72" />
        <source>successes</source>
        <translation>成功数</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="73" />
        <source>rate</source>
        <translation>比率</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="74" />
        <source>95% CI low</source>
        <translation>95% 置信区间下限</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="75" />
        <source>95% CI high</source>
        <translation>95% 置信区间上限</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="76" />
        <source>latency p50 (ms)</source>
        <translation>延迟 p50（毫秒）</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="77" />
        <source>latency p95 (ms)</source>
        <translation>延迟 p95（毫秒）</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="78" />
        <source>arm</source>
        <translation>分组</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="79" />
        <source>from a draft</source>
        <translation>基于草稿</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="80" />
        <source>version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="81" />
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="82" />
        <source>parent</source>
        <translation>父版本</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="83" />
        <source>data hash</source>
        <translation>数据哈希</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="84" />
        <source>comparison</source>
        <translation>对比</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="85" />
        <source>created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="86" />
        <source>promoted</source>
        <translation>发布时间</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="87" />
        <source>answered with</source>
        <translation>回复方式</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="88" />
        <source>rated</source>
        <translation>已评价</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="89" />
        <source>mean rating</source>
        <translation>平均评分</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="90" />
        <source>rating 95% CI low</source>
        <translation>评分 95% 置信区间下限</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="91" />
        <source>rating 95% CI high</source>
        <translation>评分 95% 置信区间上限</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="92" />
        <source>satisfied (4-5)</source>
        <translation>满意（4-5 分）</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="93" />
        <source>thumbs up</source>
        <translation>赞</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="94" />
        <source>thumbs down</source>
        <translation>踩</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="95" />
        <source>wrong intent</source>
        <translation>意图不对</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="96" />
        <source>wrong facts</source>
        <translation>事实有误</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="97" />
        <source>wrong tone</source>
        <translation>语气不当</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="98" />
        <source>wrong language</source>
        <translation>语言不对</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="99" />
        <source>too long</source>
        <translation>太长</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="101" />
        <source>run</source>
        <translation>运行编号</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="102" />
        <source>job</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="103" />
        <source>progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="104" />
        <source>message</source>
        <translation>消息</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="105" />
        <source>started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="106" />
        <source>finished</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="107" />
        <source>candidate</source>
        <translation>候选版本</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="108" />
        <source>log</source>
        <translation>日志</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="109" />
        <source>when</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="110" />
        <source>action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="111" />
        <source>outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="112" />
        <source>actor</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="113" />
        <source>from version</source>
        <translation>原版本</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="114" />
        <source>to version</source>
        <translation>新版本</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="115" />
        <source>figures</source>
        <translation>数据</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="116" />
        <source>reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>ConsoleExport</name>
    <message>
        <location filename="../../assist/ui/console_common.py" line="433" />
        <source>Export table as CSV</source>
        <translation>将表格导出为 CSV</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="435" />
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="444" />
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="445" />
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>ConsoleValues</name>
    <message>
        <location filename="../../assist/ui/console_common.py" line="220" />
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="221" />
        <source>intent</source>
        <translation>意图</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="222" />
        <source>drafts</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="223" />
        <source>candidate</source>
        <translation>候选</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="224" />
        <source>active</source>
        <translation>使用中</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="225" />
        <source>retired</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="226" />
        <source>challenger</source>
        <translation>挑战者</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="227" />
        <source>control</source>
        <translation>对照组</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="228" />
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="229" />
        <source>better</source>
        <translation>更好</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="230" />
        <source>not better</source>
        <translation>没有更好</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="231" />
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="232" />
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="233" />
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="234" />
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="235" />
        <source>refused</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="236" />
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="237" />
        <source>retrain</source>
        <translation>重新训练</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="238" />
        <source>first run</source>
        <translation>首次训练</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="239" />
        <source>first run (resumed)</source>
        <translation>首次训练（续）</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="240" />
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="241" />
        <source>evaluate</source>
        <translation>评估</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="242" />
        <source>promote</source>
        <translation>发布</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="243" />
        <source>roll back</source>
        <translation>回滚</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="244" />
        <source>A/B test started</source>
        <translation>开始 A/B 测试</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="245" />
        <source>A/B test stopped</source>
        <translation>停止 A/B 测试</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="246" />
        <source>fallback</source>
        <translation>自动回退</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="247" />
        <source>desk</source>
        <translation>坐席端</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="248" />
        <source>worse</source>
        <translation>更差</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="249" />
        <source>cannot compare</source>
        <translation>无法比较</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="250" />
        <source>no active model</source>
        <translation>无生效模型</translation>
    </message>
</context>
<context>
    <name>ConversationInfo</name>
    <message>
        <location filename="../../assist/ui/conversation_info.py" line="56" />
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../../assist/ui/conversation_info.py" line="58" />
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <location filename="../../assist/ui/conversation_info.py" line="64" />
        <source>answered</source>
        <translation>已回复</translation>
    </message>
    <message>
        <location filename="../../assist/ui/conversation_info.py" line="67" />
        <source>Customer</source>
        <translation>顾客</translation>
    </message>
    <message>
        <location filename="../../assist/ui/conversation_info.py" line="69" />
        <source>Name</source>
        <translation>称呼</translation>
    </message>
    <message>
        <location filename="../../assist/ui/conversation_info.py" line="70" />
        <source>E-mail</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <location filename="../../assist/ui/conversation_info.py" line="71" />
        <source>Conversation</source>
        <translation>会话</translation>
    </message>
    <message>
        <location filename="../../assist/ui/conversation_info.py" line="72" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../assist/ui/conversation_info.py" line="73" />
        <source>Messages</source>
        <translation>消息数</translation>
    </message>
    <message>
        <location filename="../../assist/ui/conversation_info.py" line="74" />
        <source>Waiting</source>
        <translation>等待时长</translation>
    </message>
</context>
<context>
    <name>ConversationView</name>
    <message>
        <location filename="../../assist/ui/conversation_view.py" line="77" />
        <source>Select a conversation in the queue</source>
        <translation>请在左侧队列中选择一个会话</translation>
    </message>
    <message numerus="yes">
        <location filename="../../assist/ui/conversation_view.py" line="105" />
        <source>… (%n more characters)</source>
        <translation>
            <numerusform>……（还有 %n 个字符）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DebugView</name>
    <message>
        <location filename="../../assist/ui/debug_view.py" line="57" />
        <source>Responsiveness</source>
        <translation>响应速度</translation>
    </message>
    <message>
        <location filename="../../assist/ui/debug_view.py" line="59" />
        <source>Event-loop lag p50 / p99</source>
        <translation>事件循环延迟 p50 / p99</translation>
    </message>
    <message>
        <location filename="../../assist/ui/debug_view.py" line="60" />
        <source>Event-loop lag, worst</source>
        <translation>事件循环最大延迟</translation>
    </message>
    <message>
        <location filename="../../assist/ui/debug_view.py" line="61" />
        <source>Message to intents p50 / p95</source>
        <translation>消息到意图 p50 / p95</translation>
    </message>
    <message>
        <location filename="../../assist/ui/debug_view.py" line="62" />
        <source>Message to first draft p50 / p95</source>
        <translation>消息到首条草稿 p50 / p95</translation>
    </message>
    <message>
        <location filename="../../assist/ui/debug_view.py" line="63" />
        <source>Message to all drafts p50 / p95</source>
        <translation>消息到全部草稿 p50 / p95</translation>
    </message>
    <message>
        <location filename="../../assist/ui/debug_view.py" line="64" />
        <source>Messages waiting for the intent model</source>
        <translation>等待意图模型的消息</translation>
    </message>
    <message>
        <location filename="../../assist/ui/debug_view.py" line="65" />
        <source>Database writes queued</source>
        <translation>排队中的数据库写入</translation>
    </message>
</context>
<context>
    <name>DeskSession</name>
    <message>
        <location filename="../../assist/ui/session.py" line="214" />
        <source>intent model</source>
        <translation>意图模型</translation>
    </message>
    <message>
        <location filename="../../assist/ui/session.py" line="216" />
        <source>draft model</source>
        <translation>草稿模型</translation>
    </message>
    <message>
        <location filename="../../assist/ui/session.py" line="223" />
        <source>Training the %1 failed: %2</source>
        <translation>%1训练失败：%2</translation>
    </message>
    <message>
        <location filename="../../assist/ui/session.py" line="230" />
        <source>Intent model</source>
        <translation>意图模型</translation>
    </message>
    <message>
        <location filename="../../assist/ui/session.py" line="232" />
        <source>Draft model</source>
        <translation>草稿模型</translation>
    </message>
    <message>
        <location filename="../../assist/ui/session.py" line="400" />
        <source>About Assist</source>
        <translation>关于 Assist</translation>
    </message>
</context>
<context>
    <name>DeskStatusBar</name>
    <message>
        <location filename="../../assist/ui/status_bar.py" line="160" />
        <source>Intents %1 · Drafts %2</source>
        <translation>意图 %1 · 草稿 %2</translation>
    </message>
    <message>
        <location filename="../../assist/ui/status_bar.py" line="160" />
        <location filename="../../assist/ui/status_bar.py" line="161" />
        <location filename="../../assist/ui/status_bar.py" line="162" />
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../assist/ui/status_bar.py" line="165" />
        <source>Ingest off</source>
        <translation>接入已关闭</translation>
    </message>
    <message>
        <location filename="../../assist/ui/status_bar.py" line="165" />
        <source>Ingest %1</source>
        <translation>接入 %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../assist/ui/status_bar.py" line="173" />
        <source>Outbox: %n waiting (webhook down)</source>
        <translation>
            <numerusform>发件箱：%n 条待发送（Webhook 不可用）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../assist/ui/status_bar.py" line="176" />
        <source>Outbox: %n waiting</source>
        <translation>
            <numerusform>发件箱：%n 条待发送</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../assist/ui/status_bar.py" line="179" />
        <source>%n not delivered</source>
        <translation>
            <numerusform>%n 条未送达</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../assist/ui/status_bar.py" line="181" />
        <source>Refused by the receiver, not retried: %1</source>
        <translation>接收方拒绝，不再重试：%1</translation>
    </message>
    <message>
        <location filename="../../assist/ui/status_bar.py" line="190" />
        <source>Storage: %1</source>
        <translation>存储：%1</translation>
    </message>
    <message>
        <location filename="../../assist/ui/status_bar.py" line="190" />
        <source>problem</source>
        <translation>异常</translation>
    </message>
    <message>
        <location filename="../../assist/ui/status_bar.py" line="192" />
        <source>Storage: OK</source>
        <translation>存储：正常</translation>
    </message>
    <message>
        <location filename="../../assist/ui/status_bar.py" line="206" />
        <source>Intents %1 ms · first draft %2 ms</source>
        <translation>意图 %1 毫秒 · 首条草稿 %2 毫秒</translation>
    </message>
</context>
<context>
    <name>DeskWindow</name>
    <message>
        <location filename="../../assist/ui/main_window.py" line="195" />
        <location filename="../../assist/ui/main_window.py" line="222" />
        <source>No conversation selected</source>
        <translation>未选择会话</translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="200" />
        <source>Assist — agent desk</source>
        <translation>Assist — 客服工作台</translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="201" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="202" />
        <source>&amp;Conversation</source>
        <translation>会话(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="203" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="204" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="206" />
        <source>Insert draft %1</source>
        <translation>插入草稿 %1</translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="207" />
        <source>Next conversation</source>
        <translation>下一个会话</translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="208" />
        <source>Previous conversation</source>
        <translation>上一个会话</translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="209" />
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="210" />
        <source>Mark handled</source>
        <translation>标记为已处理</translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="211" />
        <source>Close the conversation and log the handling time (Ctrl+W)</source>
        <translation>关闭会话并记录处理时长（Ctrl+W）</translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="212" />
        <source>Go to queue</source>
        <translation>转到队列</translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="213" />
        <source>Go to reply box</source>
        <translation>转到回复框</translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="214" />
        <source>Correct intent…</source>
        <translation>更正意图…</translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="215" />
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="216" />
        <source>Supervisor console</source>
        <translation>主管控制台</translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="217" />
        <source>Responsiveness</source>
        <translation>响应速度</translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="218" />
        <source>Event-loop lag and pipeline latencies</source>
        <translation>事件循环延迟与处理耗时</translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="219" />
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../assist/ui/main_window.py" line="220" />
        <source>About Assist</source>
        <translation>关于 Assist</translation>
    </message>
</context>
<context>
    <name>DraftCard</name>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="60" />
        <source>Wrong intent</source>
        <translation>意图不对</translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="61" />
        <source>Wrong facts</source>
        <translation>事实有误</translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="62" />
        <source>Wrong tone</source>
        <translation>语气不当</translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="63" />
        <source>Wrong language</source>
        <translation>语言不对</translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="64" />
        <source>Too long</source>
        <translation>太长</translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="172" />
        <source>writing…</source>
        <translation>生成中…</translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="173" />
        <source>Fill in: %1</source>
        <translation>待填写：%1</translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="198" />
        <source>Rated bad: %1</source>
        <translation>已踩：%1</translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="198" />
        <source>Bad draft… (say why)</source>
        <translation>不好的草稿…（说明原因）</translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="218" />
        <source>Insert</source>
        <translation>插入</translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="220" />
        <source>Put this draft into the reply box (Alt+%1)</source>
        <translation>将此草稿放入回复框（Alt+%1）</translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="222" />
        <source>Dismiss this draft</source>
        <translation>忽略此草稿</translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="223" />
        <source>Good draft</source>
        <translation>好草稿</translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="229" />
        <source>Bad, no reason</source>
        <translation>不好，不说原因</translation>
    </message>
</context>
<context>
    <name>DraftsPanel</name>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="343" />
        <source>Drafts appear here for the selected conversation</source>
        <translation>所选会话的回复草稿将显示在这里</translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="345" />
        <source>Preparing drafts…</source>
        <translation>正在准备草稿…</translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="347" />
        <source>Regenerating drafts…</source>
        <translation>正在重新生成草稿…</translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="349" />
        <source>New drafts</source>
        <translation>新草稿</translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="354" />
        <source>The draft model has changed since these drafts: Regenerate asks the new one</source>
        <translation>这些草稿生成后草稿模型已更换：点“重新生成”即由新模型生成</translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="357" />
        <source>Some drafts are unavailable: %1</source>
        <translation>部分草稿不可用：%1</translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="360" />
        <source>No drafts for this message</source>
        <translation>此消息暂无草稿</translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="380" />
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="380" />
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="382" />
        <source>Auto (%1)</source>
        <translation>自动（%1）</translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="382" />
        <source>Auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="387" />
        <source>Drafts</source>
        <translation>回复草稿</translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="388" />
        <source>The language the drafts are written in</source>
        <translation>草稿使用的语言</translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="390" />
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <location filename="../../assist/ui/drafts_panel.py" line="391" />
        <source>Ask for new drafts (Ctrl+R)</source>
        <translation>重新生成草稿（Ctrl+R）</translation>
    </message>
</context>
<context>
    <name>DrillDialog</name>
    <message>
        <location filename="../../assist/ui/console_drill.py" line="31" />
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_drill.py" line="33" />
        <source>Agent %1</source>
        <translation>客服 %1</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_drill.py" line="77" />
        <source>Example conversations</source>
        <translation>示例会话</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_drill.py" line="87" />
        <source>loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_drill.py" line="101" />
        <source>cannot load the conversation: %1</source>
        <translation>无法加载该会话：%1</translation>
    </message>
</context>
<context>
    <name>FunnelChart</name>
    <message>
        <location filename="../../assist/ui/console_charts.py" line="40" />
        <source>shown</source>
        <translation>展示</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_charts.py" line="41" />
        <source>insert</source>
        <translation>插入</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_charts.py" line="42" />
        <source>as-is</source>
        <translation>原样发送</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_charts.py" line="43" />
        <source>light</source>
        <translation>轻度修改</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_charts.py" line="44" />
        <source>heavy</source>
        <translation>大幅修改</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_charts.py" line="45" />
        <source>typed</source>
        <translation>自行输入</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_charts.py" line="46" />
        <source>ignore</source>
        <translation>忽略</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_charts.py" line="70" />
        <source>Acceptance funnel</source>
        <translation>采纳漏斗</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_charts.py" line="74" />
        <source>count</source>
        <translation>数量</translation>
    </message>
</context>
<context>
    <name>IntentPanel</name>
    <message>
        <location filename="../../assist/ui/intent_panel.py" line="153" />
        <source>Corrected to: %1</source>
        <translation>已更正为：%1</translation>
    </message>
    <message>
        <location filename="../../assist/ui/intent_panel.py" line="180" />
        <source>Choose another intent…</source>
        <translation>选择其他意图…</translation>
    </message>
    <message>
        <location filename="../../assist/ui/intent_panel.py" line="186" />
        <source>Intent</source>
        <translation>意图</translation>
    </message>
    <message>
        <location filename="../../assist/ui/intent_panel.py" line="187" />
        <source>Unsure</source>
        <translation>不确定</translation>
    </message>
    <message>
        <location filename="../../assist/ui/intent_panel.py" line="188" />
        <source>The message fits none of the known intents well</source>
        <translation>该消息与已知意图都不太匹配</translation>
    </message>
    <message>
        <location filename="../../assist/ui/intent_panel.py" line="189" />
        <source>Waiting for a customer message</source>
        <translation>等待顾客消息</translation>
    </message>
    <message>
        <location filename="../../assist/ui/intent_panel.py" line="190" />
        <source>Correct the intent: the drafts follow it</source>
        <translation>更正意图：草稿会随之更新</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../assist/ui/labels.py" line="25" />
        <source>No intent</source>
        <translation>无意图</translation>
    </message>
    <message>
        <location filename="../../assist/ui/labels.py" line="35" />
        <source>Library</source>
        <translation>话术库</translation>
    </message>
    <message>
        <location filename="../../assist/ui/labels.py" line="36" />
        <source>Retrieved</source>
        <translation>历史回复</translation>
    </message>
    <message>
        <location filename="../../assist/ui/labels.py" line="37" />
        <source>Generated</source>
        <translation>模型生成</translation>
    </message>
    <message numerus="yes">
        <location filename="../../assist/ui/labels.py" line="46" />
        <source>%n s</source>
        <translation>
            <numerusform>%n 秒</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../assist/ui/labels.py" line="48" />
        <source>%n min</source>
        <translation>
            <numerusform>%n 分钟</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../assist/ui/labels.py" line="49" />
        <source>%n h</source>
        <translation>
            <numerusform>%n 小时</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ModelsPanel</name>
    <message>
        <location filename="../../assist/ui/console_models.py" line="187" />
        <source>intent</source>
        <translation>意图</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="187" />
        <source>drafts</source>
        <translation>回复草稿</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="190" />
        <source>Promote selected</source>
        <translation>发布所选版本</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="191" />
        <source>A/B test selected</source>
        <translation>A/B 测试所选版本</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="193" />
        <source>New conversations get the active version or the selected one at random; compare them in the A/B table</source>
        <translation>新会话随机分配到当前版本或所选版本；在 A/B 表中比较两者</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="195" />
        <source>Stop A/B test</source>
        <translation>停止 A/B 测试</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="196" />
        <source>Roll back</source>
        <translation>回滚</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="197" />
        <source>Return to the chosen version (default: the one active before)</source>
        <translation>回到所选版本（默认：之前生效的版本）</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="199" />
        <source>Kind:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="203" />
        <source>Fast (head-only intent / short draft fine-tune)</source>
        <translation>快速（意图仅训练分类头 / 草稿短时微调）</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="204" />
        <source>Retrain from logged data</source>
        <translation>用已记录的数据重新训练</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="205" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="207" />
        <source>Model registry (one active version per kind; desks switch without restart)</source>
        <translation>模型版本库（每种类型只有一个生效版本；坐席端无需重启即可切换）</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="232" />
        <source>the previous version</source>
        <translation>上一个版本</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="238" />
        <source>%1 (instant demo engines)</source>
        <translation>%1（即时演示引擎）</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="240" />
        <source>%1 (first-run default)</source>
        <translation>%1（首次运行默认模型）</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="245" />
        <source>instant-%1 (instant demo engines)</source>
        <translation>instant-%1（即时演示引擎）</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="290" />
        <source>promoted %1</source>
        <translation>已发布 %1</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="296" />
        <source>A/B test started: new conversations get the active version or %1</source>
        <translation>A/B 测试已开始：新会话随机使用当前版本或 %1</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="302" />
        <source>no A/B test was running</source>
        <translation>没有正在进行的 A/B 测试</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="304" />
        <source>A/B test of %1 stopped: everyone gets the active version</source>
        <translation>%1 的 A/B 测试已停止：所有会话恢复使用当前版本</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="312" />
        <source>%1 rolled back to %2</source>
        <translation>%1 已回滚到 %2</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="333" />
        <source>nothing changed</source>
        <translation>没有任何改动</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="340" />
        <source>error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="373" />
        <source>retraining %1 in a separate process…</source>
        <translation>正在独立进程中重新训练%1…</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="395" />
        <source>cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="416" />
        <source>not retrained: nothing was trained and nothing changed for the agents</source>
        <translation>未重新训练：没有训练任何模型，坐席看到的内容没有变化</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="421" />
        <source>retrain did not finish: %1</source>
        <translation>重新训练未完成：%1</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="426" />
        <source>candidate %1: %2. Select it and press Promote to use it.</source>
        <translation>候选模型 %1：%2。选中后点击“启用”即可使用。</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="439" />
        <source>Not enough data to retrain the draft model: %1 reply pairs; need at least %2. Missing: %3 more replies sent by agents</source>
        <translation>数据不足，无法重新训练草稿模型：%1 个回复对；至少需要 %2 个。还缺：坐席再发送 %3 条回复</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="447" />
        <source>%1 more examples</source>
        <translation>再要 %1 条样本</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="449" />
        <source>examples of at least 2 intents</source>
        <translation>至少 2 个意图的样本</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="454" />
        <source>more examples of %1 intents (%2)</source>
        <translation>%1 个意图的更多样本（%2）</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="457" />
        <source>Not enough data to retrain the intent model: %1 examples in %2 intents; need at least %3 and %4 per intent. Missing: %5</source>
        <translation>数据不足，无法重新训练意图模型：%1 条样本，%2 个意图；至少需要 %3 条，且每个意图 %4 条。还缺：%5</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_models.py" line="460" />
        <source>; </source>
        <translation>；</translation>
    </message>
</context>
<context>
    <name>Problems</name>
    <message>
        <location filename="../../assist/ui/problems.py" line="45" />
        <source>no draft model yet: the first-run training is making one</source>
        <translation>还没有草稿模型：首次启动的训练正在生成</translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="49" />
        <source>text generation is turned off in the settings</source>
        <translation>设置中关闭了文本生成</translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="53" />
        <source>the remote generator has no URL in the settings</source>
        <translation>远程生成器在设置中没有地址</translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="57" />
        <source>the generator setting is not one Assist knows</source>
        <translation>生成器设置无法识别</translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="61" />
        <source>the draft generator is unavailable</source>
        <translation>草稿生成器不可用</translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="65" />
        <source>the draft generator failed</source>
        <translation>草稿生成器出错</translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="41" />
        <location filename="../../assist/ui/problems.py" line="69" />
        <source>the draft model did not load</source>
        <translation>草稿模型未能加载</translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="31" />
        <source>the new database URL applies when the desk restarts</source>
        <translation>新的数据库地址将在重启工作台后生效</translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="35" />
        <source>models are not loaded in this desk (--fake-engines): model settings apply when it starts without it</source>
        <translation>本工作台未加载模型（--fake-engines）：模型设置在不带该参数启动时生效</translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="73" />
        <source>the demo shop cannot be read</source>
        <translation>无法读取演示店铺</translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="77" />
        <source>the intent model did not load</source>
        <translation>意图模型未能加载</translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="81" />
        <source>no intent engine is available</source>
        <translation>没有可用的意图引擎</translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="85" />
        <source>no trained intent model yet: using the demo shop's quick matcher</source>
        <translation>还没有训练好的意图模型：正在使用演示店铺的快速匹配</translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="89" />
        <source>the draft engine did not load: serving library drafts</source>
        <translation>草稿引擎未能加载：使用回复库草稿</translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="93" />
        <source>no draft engine is available</source>
        <translation>没有可用的草稿引擎</translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="97" />
        <source>the A/B test is not running on this desk</source>
        <translation>本工作台未参与 A/B 测试</translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="101" />
        <source>the model registry cannot be read</source>
        <translation>无法读取模型库</translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="148" />
        <source>drafts are retrieved only: %1</source>
        <translation>草稿仅来自检索：%1</translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="154" />
        <source>a problem occurred (details in the tooltip)</source>
        <translation>出现问题（详情见提示）</translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="114" />
        <source>intent model</source>
        <translation>意图模型</translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="115" />
        <source>draft model</source>
        <translation>草稿模型</translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="120" />
        <source>%1: the instant demo engine is in use (a supervisor rolled back to it)</source>
        <translation>%1：正在使用即时演示引擎（主管已回滚到它）</translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="126" />
        <source>the active %1 is broken: serving the last good version %2</source>
        <translation>当前%1已损坏：正在使用上一个正常版本 %2</translation>
    </message>
    <message>
        <location filename="../../assist/ui/problems.py" line="130" />
        <source>the active %1 is broken: serving the demo engines</source>
        <translation>当前%1已损坏：正在使用演示引擎</translation>
    </message>
</context>
<context>
    <name>Progress</name>
    <message>
        <location filename="../../assist/ui/console_common.py" line="123" />
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="125" />
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="126" />
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="135" />
        <source>fitting the classifier head</source>
        <translation>训练分类头</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="136" />
        <source>fine-tuning</source>
        <translation>微调</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="137" />
        <source>pretraining</source>
        <translation>预训练</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="138" />
        <source>encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="139" />
        <source>training drafts</source>
        <translation>训练草稿模型</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="140" />
        <source>starting</source>
        <translation>正在开始</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="141" />
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="142" />
        <source>evaluating on held-out data</source>
        <translation>在保留数据上评估</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="161" />
        <source>step %1/%2</source>
        <translation>第 %1/%2 步</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="183" />
        <source>about %1 left</source>
        <translation>约剩 %1</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_common.py" line="173" />
        <source>stopped without finishing (the desk was killed); resumed as run %1</source>
        <translation>未正常结束（坐席端被强制关闭）；已由第 %1 次运行继续</translation>
    </message>
</context>
<context>
    <name>PromoteDialog</name>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="70" />
        <source>Promote %1?</source>
        <translation>启用 %1？</translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="82" />
        <source>Candidate</source>
        <translation>候选模型</translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="83" />
        <source>Active now</source>
        <translation>当前生效</translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="83" />
        <source>none (the instant demo engines)</source>
        <translation>无（即时演示引擎）</translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="84" />
        <source>Measure</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="85" />
        <source>Evaluation rows (same for both)</source>
        <translation>评估样本数（两者相同）</translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="86" />
        <source>Candidate score</source>
        <translation>候选模型得分</translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="87" />
        <source>Active score</source>
        <translation>当前模型得分</translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="88" />
        <source>Difference</source>
        <translation>差值</translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="89" />
        <source>95 % interval of the difference</source>
        <translation>差值的 95% 区间</translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="90" />
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="101" />
        <source>Promote anyway: I accept that the agents may get worse results</source>
        <translation>仍然启用：我接受坐席可能得到更差的结果</translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="103" />
        <source>Reason (required, recorded in the audit trail)</source>
        <translation>原因（必填，记录在审计日志中）</translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="124" />
        <source>%1 is not shown to be better than the active model on the fixed evaluation set. Promoting it changes what every agent sees.</source>
        <translation>在固定评估集上，%1 没有被证明优于当前模型。启用它会改变每位坐席看到的内容。</translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="131" />
        <source>%1 is better than the active model on the fixed evaluation set.</source>
        <translation>在固定评估集上，%1 优于当前模型。</translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="143" />
        <source>Promote</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="146" />
        <source>Promote anyway</source>
        <translation>仍然启用</translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="55" />
        <source>it was never scored on the evaluation set</source>
        <translation>它从未在评估集上打分</translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="57" />
        <source>it was scored against %1, but %2 is active now</source>
        <translation>它是与 %1 比较的，但现在生效的是 %2</translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="59" />
        <source>only %1 evaluation rows (need at least %2)</source>
        <translation>只有 %1 行评估数据（至少需要 %2 行）</translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="61" />
        <source>the active model %1 could not be scored on these rows</source>
        <translation>当前模型 %1 无法在这些数据上打分</translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="63" />
        <source>no comparison recorded</source>
        <translation>没有记录比较结果</translation>
    </message>
    <message>
        <location filename="../../assist/ui/promote_dialog.py" line="64" />
        <source>cannot compare: %1</source>
        <translation>无法比较：%1</translation>
    </message>
</context>
<context>
    <name>QCoreApplication.self.window</name>
    <message>
        <location filename="../../assist/ui/session.py" line="402" />
        <source>Assist: intents and reply drafts for customer service, learning from every reply.</source>
        <translation>Assist：为客服提供意图识别与回复草稿，并从每一次回复中学习。</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <location filename="../../assist/ui/queue_view.py" line="151" />
        <source>Unsure</source>
        <translation>不确定</translation>
    </message>
    <message>
        <location filename="../../assist/ui/queue_view.py" line="154" />
        <source>Queue</source>
        <translation>会话队列</translation>
    </message>
    <message numerus="yes">
        <location filename="../../assist/ui/queue_view.py" line="169" />
        <source>%n waiting</source>
        <translation>
            <numerusform>%n 个待回复</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="146" />
        <source>Model directory</source>
        <translation>模型目录</translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="203" />
        <source>Connecting to the database…</source>
        <translation>正在连接数据库…</translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="299" />
        <source>%1 cannot be used: the database did not answer or refused the login (see the tooltip)</source>
        <translation>%1 无法使用：数据库没有响应或拒绝了登录（原因见提示）</translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="315" />
        <source>%1 '%2' holds no model: choose the folder that training wrote</source>
        <translation>%1“%2”里没有模型：请选择训练生成的文件夹</translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="325" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="327" />
        <source>Agent name</source>
        <translation>客服名称</translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="328" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="329" />
        <source>Database URL</source>
        <translation>数据库地址</translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="330" />
        <source>Intent model</source>
        <translation>意图模型</translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="331" />
        <source>Draft model</source>
        <translation>草稿模型</translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="332" />
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="333" />
        <source>Ingest port</source>
        <translation>接入端口</translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="334" />
        <source>Ingest token</source>
        <translation>接入令牌</translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="335" />
        <source>Outbound webhook</source>
        <translation>外发 Webhook</translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="339" />
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="340" />
        <source>empty: the built-in SQLite file</source>
        <translation>留空：使用内置 SQLite 文件</translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="341" />
        <location filename="../../assist/ui/settings_dialog.py" line="342" />
        <source>empty: the active model in the registry</source>
        <translation>留空：使用模型库中的当前版本</translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="343" />
        <source>empty: replies stay in the local outbox</source>
        <translation>留空：回复保存在本地发件箱</translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="346" />
        <source>Agent name, language, models, device, ingest and webhook apply at once; a new database URL applies when the desk restarts.</source>
        <translation>客服名称、语言、模型、设备、接入和 Webhook 立即生效；新的数据库地址在重启工作台后生效。</translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="283" />
        <source>%1 must be an http:// or https:// address</source>
        <translation>%1 必须是 http:// 或 https:// 地址</translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="285" />
        <source>%1 is too short: use at least %2 random characters</source>
        <translation>%1 太短：请至少使用 %2 个随机字符</translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="293" />
        <source>%1 must be between 1 and 65535</source>
        <translation>%1 必须在 1 到 65535 之间</translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="322" />
        <source>These settings cannot be saved (the reason is in the tooltip)</source>
        <translation>无法保存这些设置（原因见提示）</translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="290" />
        <source>%1 %2 cannot be used: another program may be listening on it (the reason is in the tooltip)</source>
        <translation>%1 %2 无法使用：可能已被其他程序占用（原因见提示）</translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="295" />
        <source>%1 cannot be used: an in-memory database keeps nothing; name a file</source>
        <translation>%1 无法使用：内存数据库关闭后什么都不保存，请填写一个文件</translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="303" />
        <source>%1 cannot be used: its folder does not exist or is not a folder (see the tooltip)</source>
        <translation>%1 无法使用：所在文件夹不存在或不是文件夹（原因见提示）</translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="308" />
        <source>%1 cannot be used: not an SQLAlchemy URL, or its driver is unknown or not installed</source>
        <translation>%1 无法使用：不是有效的 SQLAlchemy 地址，或数据库驱动未知、未安装</translation>
    </message>
    <message>
        <location filename="../../assist/ui/settings_dialog.py" line="319" />
        <source>%1 '%2' does not exist or is not a directory</source>
        <translation>%1“%2”不存在或不是目录</translation>
    </message>
</context>
<context>
    <name>SupervisorConsole</name>
    <message>
        <location filename="../../assist/ui/console.py" line="227" />
        <source>intent</source>
        <translation>意图</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="228" />
        <source>agent</source>
        <translation>客服</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="229" />
        <source>model version</source>
        <translation>模型版本</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="230" />
        <source>draft source</source>
        <translation>草稿来源</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="231" />
        <source>rank</source>
        <translation>排序位置</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="232" />
        <source>day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="239" />
        <source>Assist — supervisor console</source>
        <translation>Assist — 主管控制台</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="241" />
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="242" />
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="243" />
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="244" />
        <source>All time</source>
        <translation>全部时间</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="248" />
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="249" />
        <source>Period:</source>
        <translation>时间范围：</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="250" />
        <source>Break down by:</source>
        <translation>细分维度：</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="254" />
        <source>Acceptance funnel (acceptance = sent from a draft / sent)</source>
        <translation>采纳漏斗（采纳率 = 基于草稿发送的回复数 / 发送的回复总数）</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="255" />
        <source>By day</source>
        <translation>按日</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="256" />
        <source>Agent corrections (predicted -&gt; corrected)</source>
        <translation>客服纠正（预测意图 -&gt; 纠正后意图）</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="257" />
        <source>Intents with low confidence or many corrections</source>
        <translation>置信度低或纠正较多的意图</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="258" />
        <source>Model comparison (95% Wilson intervals; latency in ms)</source>
        <translation>模型对比（95% Wilson 置信区间；延迟单位为毫秒）</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="259" />
        <source>A/B split (conversations assigned at random)</source>
        <translation>A/B 分组（会话随机分配）</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="261" />
        <source>Customer satisfaction (CSAT 1-5; 4-5 counts as satisfied) by how replies were written, with 95% intervals</source>
        <translation>按回复写法划分的客户满意度（CSAT 1-5 分，4-5 分计为满意），含 95% 区间</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="264" />
        <source>Agents' ratings of drafts (thumbs up / down, and why)</source>
        <translation>坐席对草稿的评价（赞 / 踩及原因）</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="270" />
        <source>Funnel by %1</source>
        <translation>按%1划分的漏斗</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="272" />
        <source>Funnel</source>
        <translation>漏斗</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="272" />
        <source>Breakdown</source>
        <translation>细分</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="272" />
        <source>Intent quality</source>
        <translation>意图质量</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="272" />
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="281" />
        <source>unedited draft</source>
        <translation>未修改的草稿</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="282" />
        <source>edited draft</source>
        <translation>修改过的草稿</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="283" />
        <source>no draft</source>
        <translation>未用草稿</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="303" />
        <source>loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="305" />
        <source>acceptance %1%</source>
        <translation>采纳率 %1%</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="307" />
        <source>no replies in this period</source>
        <translation>该时间范围内没有回复</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console.py" line="309" />
        <source>cannot read the figures: %1</source>
        <translation>无法读取数据：%1</translation>
    </message>
</context>
<context>
    <name>TableModel</name>
    <message numerus="yes">
        <location filename="../../assist/ui/console_common.py" line="342" />
        <source>double-click: %n example conversation(s)</source>
        <translation>
            <numerusform>双击查看 %n 个示例会话</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TablePane</name>
    <message>
        <location filename="../../assist/ui/console.py" line="115" />
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
</context>
<context>
    <name>TrailPanel</name>
    <message>
        <location filename="../../assist/ui/console_trail.py" line="72" />
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_trail.py" line="73" />
        <source>Jobs</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_trail.py" line="74" />
        <source>Audit trail</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_trail.py" line="76" />
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_trail.py" line="113" />
        <source>No log: this job was refused before any training started (see its message).</source>
        <translation>没有日志：此任务在开始训练前就被拒绝了（见其消息）。</translation>
    </message>
    <message>
        <location filename="../../assist/ui/console_trail.py" line="115" />
        <source>No log yet (or its file was removed).</source>
        <translation>暂无日志（或日志文件已被删除）。</translation>
    </message>
</context>
<context>
    <name>TrendChart</name>
    <message>
        <location filename="../../assist/ui/console_charts.py" line="112" />
        <source>Acceptance rate by day</source>
        <translation>每日采纳率</translation>
    </message>
</context>
</TS>