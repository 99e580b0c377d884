namespace SupportSdk.Security;

/// <summary>Tells Chinese prose from a run of randomly drawn wordlist characters by its common two-character words
/// (什么, 怎么, 系统, 无法, 提现 ...): prose written with wordlist characters nearly always
/// holds two or more of them, a random phrase almost never does.</summary>
/// <remarks>About four hundred everyday, support and trading words whose two characters are both in the BIP39 lists,
/// written by hand for this purpose (not taken from a corpus). A pair of adjacent random characters is one of them
/// with probability ~10⁻⁴, so a random 12–15 word phrase holds two or more with probability below 10⁻⁶ and an 18–24
/// word phrase three or more below 10⁻⁸. Stored as pairs of list positions, so the Traditional list (aligned with the
/// Simplified one position by position) shares the table.</remarks>
internal static class ChineseProse
{
    private const string Words =
        "什么 怎么 怎样 可以 没有 我们 你们 他们 这个 那个 这些 那些 如何 因为 所以 但是 如果 已经 还是 就是 需要 应该 一下 一直 还没 " +
        "时候 问题 现在 今天 昨天 明天 时间 知道 觉得 看到 看看 帮忙 帮我 请问 谢谢 你好 您好 客服 麻烦 是否 能否 不能 不是 不会 不要 " +
        "只能 只有 可能 一个 一些 一次 一样 然后 之后 之前 以后 以前 关于 通过 进行 使用 用户 系统 无法 自动 识别 文字 证件 身份 认证 " +
        "信息 资料 手机 电话 邮箱 密码 登录 注册 设置 修改 安全 验证 充值 提现 提币 交易 订单 资金 余额 手续 费用 金额 数量 价格 市场 " +
        "合约 现货 钱包 平台 网络 确认 完成 成功 失败 错误 提示 显示 处理 审核 取消 申请 提交 开通 关闭 打开 页面 功能 服务 支持 联系 " +
        "回复 消息 通知 记录 历史 保存 备份 恢复 意思 注意 重要 风险 保护 管理 操作 方式 方法 步骤 情况 原因 结果 部分 全部 所有 其他 " +
        "别的 大家 朋友 公司 国家 中国 工作 生活 学习 发现 发生 出现 开始 结束 继续 准备 选择 决定 要求 希望 喜欢 简单 容易 非常 特别 " +
        "比较 马上 立即 尽快 多久 多少 几天 小时 分钟 最近 一般 正常 不同 相同 以上 以下 下面 上面 里面 中心 帮助 说明 文章 内容 产品 " +
        "规则 条件 标准 要是 的话 " +
        "保证 维持 最低 最高 所需 期货 利息 利率 收益 亏损 盈利 强制 平仓 清算 价值 资产 币种 数字 货币 法币 银行 " +
        "卡号 支付 收款 付款 商家 广告 买入 卖出 挂单 成交 委托 限价 市价 止损 行情 指数 波动 短信 邮件 链接 官方 " +
        "网站 地区 政策 法律 合规 税务 年龄 照片 视频 文件 上传 下载 更新 版本 电脑 应用 程序 设备 退出 冻结 解冻 " +
        "限制 解除 找回 重置 关联 授权 权限 级别 等级 会员 奖励 活动 优惠 费率 比例 额度 上限 下限 最少 至少 最多 " +
        "以内 左右 大约 一共 总共 每天 每月 每次 第一 第二 首先 其次 最后 另外 此外 同时 或者 并且 而且 虽然 因此 " +
        "由于 为了 对于 根据 按照 如下 具体 相关 有关 详细 请您 您的 我的 你的 他的 当前 目前 之内 期间 过程 实际 " +
        "直接 必须 能够 不再 仍然 正在 将会 立刻 及时 及其 以及 其中 之一 任何 每个 各种 多个 两个 三个 个人 企业 " +
        "机构 客户 对方 双方 接收 发送 收到 到达 提供 获取 获得 查看 检查 核对 填写 输入 点击 进入 返回 下方 右上 " +
        "左上 首页 界面 选项 标签 列表 详情 规定 协议 条款 隐私 责任 免责 公告 指南 教程 常见 问答 答案 ";

    private static readonly Lazy<HashSet<int>> s_pairs = new(() =>
    {
        var list = Bip39Wordlist.ChineseSimplified;
        var pairs = new HashSet<int>();
        foreach (var word in Words.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            int first = list.IndexOf(word[0]), second = list.IndexOf(word[1]);
            if (first >= 0 && second >= 0)
            {
                pairs.Add((first << 11) | second);
            }
        }

        return pairs;
    });

    /// <summary>Whether the characters hold enough common words to be prose: two for 12–15 characters, three for more.</summary>
    public static bool ReadsLikeProse(ReadOnlySpan<MnemonicWord> words)
    {
        var pairs = s_pairs.Value;
        var found = 0;
        for (var k = 1; k < words.Length; k++)
        {
            if (words[k - 1].Index >= 0 && words[k].Index >= 0 && pairs.Contains((words[k - 1].Index << 11) | words[k].Index))
            {
                found++;
            }
        }

        return found >= (words.Length <= 15 ? 2 : 3);
    }
}
